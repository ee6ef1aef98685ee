// Alt+N anywhere in the app opens the purchase entry dialog.
export function listen(button) {
  const onKeyDown = (e) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
      e.preventDefault();
      button.invokeMethodAsync('OpenFromShortcutAsync');
    }
  };
  document.addEventListener('keydown', onKeyDown);
  return { dispose: () => document.removeEventListener('keydown', onKeyDown) };
}
