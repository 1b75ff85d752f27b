const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trip ids are UUIDs: any other address is a page that does not exist, never a validator message. */
export const isTripId = (id: string) => UUID.test(id);
