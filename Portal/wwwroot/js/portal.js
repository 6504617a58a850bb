// The reconnect dialog's buttons (Components/Layout/ReconnectModal.razor): retry the circuit, or reload the page.
document.addEventListener('click', event => {
    const action = event.target instanceof Element ? event.target.closest('[data-reconnect]')?.getAttribute('data-reconnect') : null;
    if (action === 'retry' && window.Blazor) {
        window.Blazor.reconnect().then(ok => { if (!ok) { location.reload(); } });
    } else if (action === 'reload') {
        location.reload();
    }
});
