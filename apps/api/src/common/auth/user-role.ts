export enum UserRole {
  Admin = 'admin',
  Manager = 'manager',
  Traveller = 'traveller',
}

export const USER_ROLES = Object.values(UserRole);
