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
