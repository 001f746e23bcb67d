// Optional: every page works without it. Times are printed in UTC; hovering one shows it in the reader's own time zone.
const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
for (const time of document.querySelectorAll('time[datetime]')) {
  const when = new Date(time.getAttribute('datetime'));
  if (!Number.isNaN(when.getTime())) time.title = `${local.format(when)} (your time)`;
}
