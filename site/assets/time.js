// Adds the visitor's own clock beside each exact start (the organiser's is in the HTML already).
for (const el of document.querySelectorAll('.yours[data-at]')) {
  const lang = document.documentElement.lang
  const text = new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(el.dataset.at))
  el.textContent = el.dataset.label.replace('{time}', text)
  el.hidden = false
}
