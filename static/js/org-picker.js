/* Organisation picker: find one Party organisation of the whole tree by name.
 *
 * Enhances each [data-org-picker] rendered by members.organizations.forms.OrganizationPicker:
 * the hidden input carries the chosen id (the form field), the search box asks the lookup URL
 * as the user types, and the answers form a listbox (the ARIA 1.2 combobox pattern).
 * Without this script the page still posts; only the search is missing.
 */
(function () {
  "use strict";

  const PAUSE_MS = 250; // ask once the user stops typing, not on every key
  const MIN_LENGTH = 2; // as the lookup requires

  class OrgPicker {
    constructor(root) {
      this.root = root;
      this.value = root.querySelector("[data-org-picker-value]");
      this.input = root.querySelector("[data-org-picker-input]");
      this.list = root.querySelector("[data-org-picker-results]");
      this.path = root.querySelector("[data-org-picker-path]");
      this.status = root.querySelector("[data-org-picker-status]");
      this.results = [];
      this.active = -1;
      this.timer = null;
      this.asked = 0; // number of the latest question: answers to older ones are dropped
      this.chosenName = this.input.value;
      this.input.addEventListener("input", () => this.typed());
      this.input.addEventListener("keydown", (event) => this.key(event));
      // Keep the focus in the box while an option is pressed, so the list stays until click.
      this.list.addEventListener("mousedown", (event) => event.preventDefault());
      this.list.addEventListener("click", (event) => this.clicked(event));
      root.addEventListener("focusout", (event) => {
        if (!root.contains(event.relatedTarget)) this.close();
      });
    }

    typed() {
      const text = this.input.value.trim();
      if (this.value.value && this.input.value !== this.chosenName) this.clear();
      clearTimeout(this.timer);
      this.asked += 1;
      if (text.length < MIN_LENGTH) {
        this.results = [];
        this.list.replaceChildren();
        this.close();
        this.say("");
        return;
      }
      this.timer = setTimeout(() => this.search(text), PAUSE_MS);
    }

    clear() {
      this.value.value = "";
      this.chosenName = "";
      this.path.textContent = "";
      this.value.dispatchEvent(new Event("change", { bubbles: true }));
    }

    search(text) {
      const asked = ++this.asked;
      this.say(this.root.dataset.searchingText);
      const url = `${this.root.dataset.lookupUrl}?q=${encodeURIComponent(text)}`;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
        .then(({ ok, body }) => {
          if (asked !== this.asked) return;
          if (ok) this.show(body.results);
          else this.fail(body.error);
        })
        .catch(() => {
          // A network error, or a sign-in page instead of JSON once the session has ended.
          if (asked === this.asked) this.fail(this.root.dataset.errorText);
        });
    }

    show(results) {
      this.results = results;
      this.list.replaceChildren(...results.map((result, index) => this.option(result, index)));
      if (results.length === 0) {
        this.close();
        this.say(this.root.dataset.emptyText);
        return;
      }
      this.say("");
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
      this.highlight(-1);
    }

    option(result, index) {
      const item = document.createElement("li");
      item.id = `${this.list.id}-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.index = String(index);
      const name = document.createElement("span");
      name.className = "org-picker-name";
      name.textContent = result.name;
      item.append(name);
      if (result.path_names) {
        const path = document.createElement("span");
        path.className = "org-picker-option-path";
        path.textContent = result.path_names;
        item.append(path);
      }
      return item;
    }

    fail(message) {
      this.close();
      this.say(message || this.root.dataset.errorText);
    }

    key(event) {
      const open = !this.list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!this.results.length) return;
        event.preventDefault();
        this.list.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
        this.move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Enter" && open) {
        event.preventDefault(); // choosing from the list must not submit the form
        if (this.active >= 0) this.choose(this.active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        this.close();
      }
    }

    move(step) {
      const count = this.results.length;
      const next = this.active < 0 && step < 0 ? count - 1 : (this.active + step + count) % count;
      this.highlight(next);
    }

    highlight(index) {
      this.active = index;
      this.list.querySelectorAll("[role=option]").forEach((item, i) => {
        item.setAttribute("aria-selected", String(i === index));
      });
      if (index < 0) {
        this.input.removeAttribute("aria-activedescendant");
        return;
      }
      const item = this.list.children[index];
      this.input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    }

    clicked(event) {
      const item = event.target.closest("[role=option]");
      if (item) this.choose(Number(item.dataset.index));
    }

    choose(index) {
      const result = this.results[index];
      this.value.value = String(result.id);
      this.chosenName = result.name;
      this.input.value = result.name;
      this.path.textContent = result.path_names;
      this.close();
      this.value.dispatchEvent(new Event("change", { bubbles: true }));
    }

    close() {
      this.list.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.highlight(-1);
    }

    say(message) {
      this.status.textContent = message;
    }
  }

  document.querySelectorAll("[data-org-picker]").forEach((root) => {
    if (!root.dataset.orgPickerReady) {
      root.dataset.orgPickerReady = "true";
      new OrgPicker(root);
    }
  });
})();
