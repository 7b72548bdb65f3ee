/* phobien: "Copy" buttons beside calendar addresses. The buttons stay hidden without
   JavaScript (the address is still there to select). Where the clipboard API is not
   offered (a page read over plain http), the address field is selected instead. */
for (const button of document.querySelectorAll("button.phobien-copy")) {
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      button.textContent = button.dataset.done;
      setTimeout(() => { button.textContent = label; }, 2000);
    } catch {
      const field = button.parentElement.querySelector("input");
      if (field) field.select();
    }
  });
}
