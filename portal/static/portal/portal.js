// Loaded in <head> of every page. The pages work without JavaScript; with it, the KRDS scripts
// (vendor/krds/js/component/ui-script.js) turn the language list and the mobile menu into menus.
document.documentElement.classList.remove("no-js");
document.documentElement.classList.add("js");

// KRDS styles a select's text as a placeholder until it carries "completed" (the server sets it
// for a submitted value; this keeps it right while the user changes the filters).
document.addEventListener("change", (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.classList.contains("krds-form-select")) {
    select.classList.toggle("completed", select.value !== "");
  }
});

// KRDS file upload (templates/portal/includes/file_upload.html): KRDS's script makes its button open
// the input; this lists the chosen files and accepts files dropped on the box.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".portal-file-upload").forEach((box) => {
    const input = box.querySelector('input[type="file"]');
    const list = box.querySelector(".file-list");
    if (!input || !list) return;
    input.tabIndex = -1; // KRDS's button is the control while scripts run
    const show = () => {
      const items = Array.from(input.files).map((file) => {
        const item = document.createElement("li");
        const info = document.createElement("div");
        const name = document.createElement("div");
        info.className = "file-info";
        name.className = "file-name";
        name.textContent = `${file.name} [${Math.max(1, Math.round(file.size / 1024))} KB]`;
        info.append(name);
        item.append(info);
        return item;
      });
      list.querySelector(".upload-list").replaceChildren(...items);
      list.hidden = items.length === 0;
    };
    input.addEventListener("change", show);
    box.querySelector(".file-upload").addEventListener("drop", (event) => {
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
  });
});

// The error summary (templates/portal/includes/error_summary.html) takes the focus when the page opens,
// so that a screen reader reads it first; a link in it brings its field into view with the label above
// the control (a plain jump would hide the label under the top of the window) and focuses the control.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#"]');
    const control = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!control) return;
    event.preventDefault();
    (control.closest(".form-group") || control).scrollIntoView();
    control.focus({ preventScroll: true });
  });
});
