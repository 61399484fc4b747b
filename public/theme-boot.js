// Applies the theme the user chose (Theme: Light or Dark; System = no attribute) before the first
// paint, so a dark page never flashes light. A classic script in <head> loaded from the site itself:
// the Content-Security-Policy allows no inline script. Kept in step with src/ui/theme.ts.
try {
  var theme = localStorage.getItem('markov-muse/theme/v1');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {
  // Storage disabled (private mode, sandbox): follow the system.
}
