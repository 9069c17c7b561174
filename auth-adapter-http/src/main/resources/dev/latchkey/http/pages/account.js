// The account pages: read the token from the URL fragment (it never reaches a server log), call the
// API, and show what it answers, field errors included. No framework, nothing from another origin.
"use strict";

(function () {
  const token = tokenFromFragment(window.location.hash);
  if (token) {
    // Keep the token out of the browser history once it is read.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  function tokenFromFragment(hash) {
    const pairs = hash.replace(/^#/, "").split("&");
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i].split("=");
      if (pair[0] === "token" && pair[1]) {
        return decodeURIComponent(pair[1]);
      }
    }
    return null;
  }

  const status = document.getElementById("status");
  const formError = document.getElementById("form-error");

  function setStatus(text, done) {
    status.textContent = text;
    if (done) {
      status.classList.add("done");
    } else {
      status.classList.remove("done");
    }
  }

  function showFormError(text) {
    formError.textContent = text;
    formError.hidden = !text;
  }

  function clearFieldErrors() {
    document.querySelectorAll("ul.error").forEach(function (list) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
    });
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

  // XMLHttpRequest rather than fetch: every browser has it, simple test browsers included.
  function post(path, body) {
    return new Promise(function (resolve, reject) {
      const request = new XMLHttpRequest();
      request.open("POST", path);
      request.setRequestHeader("Content-Type", "application/json");
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        let answer = {};
        try {
          answer = JSON.parse(request.responseText) || {};
        } catch (notJson) {
          answer = {};
        }
        resolve({ ok: request.status >= 200 && request.status < 300, status: request.status, body: answer });
      };
      request.onerror = function () { reject(new Error("network")); };
      request.send(JSON.stringify(body));
    });
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
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearFieldErrors();
      showFormError("");
      setStatus("Saving…");
      button.disabled = true;
      post("/api/users/password-reset/confirm/", {
        token: token,
        new_password: document.getElementById("new_password").value,
        new_password_confirm: document.getElementById("new_password_confirm").value
      }).then(function (reply) {
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
          // A spent or expired link cannot succeed: only a new one can.
          form.querySelectorAll("input, button").forEach(function (el) { el.disabled = true; });
          return;
        }
        button.disabled = false;
      }, function () {
        setStatus("");
        showFormError("The server could not be reached. Try again.");
        button.disabled = false;
      });
    });
  }

  function verifyEmailPage() {
    if (!token) {
      noToken();
      return;
    }
    post("/api/users/verify-email/", { token: token }).then(function (reply) {
      if (reply.ok) {
        setStatus("Your e-mail address " + (reply.body.email || "") + " is verified. Thank you!", true);
        return;
      }
      setStatus("");
      if (!(reply.body.errors && showFieldErrors(reply.body.errors))) {
        showFormError(explain(reply));
      }
    }, function () {
      setStatus("");
      showFormError("The server could not be reached. Reload the page to try again.");
    });
  }

  const page = document.body.getAttribute("data-page");
  if (page === "reset-password") {
    resetPasswordPage();
  } else if (page === "verify-email") {
    verifyEmailPage();
  }
})();
