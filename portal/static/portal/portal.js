// Loaded in <head> of every page. The pages work without JavaScript; with it, the KRDS scripts
// (vendor/krds/js/component/ui-script.js) turn the language list and the mobile menu into menus.
document.documentElement.classList.remove("no-js");
document.documentElement.classList.add("js");
