// Copy-link buttons: <button data-copy-target="input-id">. Delegated on the document, so it also works after
// Blazor's enhanced navigation swaps the page content.
document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy-target]");
    if (!button) return;
    const input = document.getElementById(button.dataset.copyTarget);
    if (!input) return;
    input.select();
    try {
        await navigator.clipboard.writeText(input.value);
        button.textContent = "Copied";
    } catch {
        button.textContent = "Press Ctrl+C to copy";
    }
    setTimeout(() => { button.textContent = "Copy link"; }, 2000);
});
