/** The NestMap mark: a map pin over a folded map. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="6" width="28" height="22" rx="5" fill="#e6eefc" />
      <path d="M11 8v20M21 6v20" stroke="#b9cdf3" strokeWidth="2" />
      <path d="M16 3a7 7 0 0 0-7 7c0 5.2 7 12 7 12s7-6.8 7-12a7 7 0 0 0-7-7z" fill="#1d5fd1" />
      <circle cx="16" cy="10" r="2.6" fill="#fff" />
    </svg>
  );
}
