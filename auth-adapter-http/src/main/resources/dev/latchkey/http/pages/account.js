// The account pages: read the token from the URL fragment (it never reaches a server log), call the
// API, and show what it answers, field errors included. No framework, nothing from another origin.
"use strict";

(function () {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (token) {
    // Keep the token out of the browser history once it is read.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  const status = document.getElementById("status");
  const formError = document.getElementById("form-error");

  function setStatus(text, done) {
    status.textContent = text;
    status.classList.toggle("done", Boolean(done));
  }

  function showFormError(text) {
    formError.textContent = text;
    formError.hidden = !text;
  }

  function clearFieldErrors() {
    document.querySelectorAll("ul.error").forEach(function (list) { list.replaceChildren(); });
    document.querySelectorAll("input").forEach(function (input) { input.removeAttribute("aria-invalid"); });
  }

  // Shows each field's messages under it; answers true when every field named has a place on the page.
  function showFieldErrors(errors) {
    let placed = true;
    Object.keys(errors || {}).forEach(function (field) {
      const list = document.getElementById(field + "-errors");
      if (!list) {
        placed = false;
        return;
      }
      (errors[field] || []).forEach(function (message) {
        const item = document.createElement("li");
        item.textContent = message;
        list.appendChild(item);
      });
      const input = document.getElementById(field);
      if (input) {
        input.setAttribute("aria-invalid", "true");
      }
    });
    return placed;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      referrerPolicy: "no-referrer"
    });
    let answer = {};
    try {
      answer = await response.json();
    } catch (notJson) {
      answer = {};
    }
    return { ok: response.ok, status: response.status, body: answer };
  }

  function explain(reply) {
    if (reply.status === 429) {
      return "Too many attempts. Try again later.";
    }
    return reply.body.detail || "Something went wrong. Try again later.";
  }

  function noToken() {
    setStatus("");
    showFormError("This link is incomplete: open the link from the message again.");
  }

  function resetPasswordPage() {
    const form = document.getElementById("reset-form");
    const button = document.getElementById("submit");
    if (!token) {
      noToken();
      form.hidden = true;
      return;
    }
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      clearFieldErrors();
      showFormError("");
      setStatus("Saving…");
      button.disabled = true;
      try {
        const reply = await post("/api/users/password-reset/confirm/", {
          token: token,
          new_password: document.getElementById("new_password").value,
          new_password_confirm: document.getElementById("new_password_confirm").value
        });
        if (reply.ok) {
          form.hidden = true;
          setStatus("Your password has been reset. You can now log in with your new password.", true);
          return;
        }
        setStatus("");
        if (!(reply.body.errors && showFieldErrors(reply.body.errors))) {
          showFormError(explain(reply));
        }
        if (reply.body.errors && reply.body.errors.token) {
          form.querySelectorAll("input, button").forEach(function (el) { el.disabled = true; });
          return;
        }
      } catch (networkFailure) {
        setStatus("");
        showFormError("The server could not be reached. Try again.");
      }
      button.disabled = false;
    });
  }

  async function verifyEmailPage() {
    if (!token) {
      noToken();
      return;
    }
    try {
      const reply = await post("/api/users/verify-email/", { token: token });
      if (reply.ok) {
        setStatus("Your e-mail address " + (reply.body.email || "") + " is verified. Thank you!", true);
        return;
      }
      setStatus("");
      if (!(reply.body.errors && showFieldErrors(reply.body.errors))) {
        showFormError(explain(reply));
      }
    } catch (networkFailure) {
      setStatus("");
      showFormError("The server could not be reached. Reload the page to try again.");
    }
  }

  if (document.body.dataset.page === "reset-password") {
    resetPasswordPage();
  } else if (document.body.dataset.page === "verify-email") {
    verifyEmailPage();
  }
})();
