/** The resident's links for a booking: the reference and the link token, nothing personal. */
export function bookingLinks(reference: string, locale: string, token: string) {
  const query = `?ref=${reference}&token=${token}`;
  return {
    icsUrl: `/api/bookings/${reference}.ics?token=${token}`,
    cancelUrl: `/${locale}/boka/avboka/${query}`,
    moveUrl: `/${locale}/boka/flytta/${query}`,
    confirmationUrl: `/${locale}/boka/bekraftelse/${query}`,
  };
}
