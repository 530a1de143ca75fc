import { esc, layout } from '../pages/html';

/**
 * The login page a person sees. Its script speaks the same protocol an HTTP client does
 * (msg=3, msg=4 with the SHA-512 password, msg=5 for the code). In browser-only mode it also
 * sends `browserproof`, a value only this page's JavaScript computes from the page's nonce.
 */
export function renderLoginPage(options: { practiceCode: string; nonce: string; returnUrl: string }): string {
	const codeInput = options.practiceCode
		? `<input type="hidden" id="practicecode" name="practicecode" value="${esc(options.practiceCode)}">`
		: `<label>Practice code <input id="practicecode" name="practicecode" autocomplete="organization"></label><br>`;
	const body = `
<form id="login-form" class="tn-login" autocomplete="on">
  ${codeInput}
  <label>Username <input id="username" name="username" autocomplete="username"></label><br>
  <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label><br>
  <button id="login-button" type="submit">Log In</button>
</form>
<form id="twofactor-form" class="tn-login" hidden>
  <p>Enter the 6-digit code from your authenticator app.</p>
  <label>Code <input id="twofactorcode" name="code" inputmode="numeric" autocomplete="one-time-code"></label><br>
  <label><input type="checkbox" id="rememberdevice" name="rememberdevice"> Remember this device for 30 days</label><br>
  <button id="verify-button" type="submit">Verify</button>
</form>
<div id="login-error" role="alert" data-testid="login-error"></div>
<div id="login-config" hidden data-nonce="${esc(options.nonce)}" data-return-url="${esc(options.returnUrl)}"></div>
<script>${LOGIN_SCRIPT}</script>`;
	return layout('Log In', body);
}

const LOGIN_SCRIPT = `
(function () {
  var config = document.getElementById('login-config').dataset;
  var errorBox = document.getElementById('login-error');
  document.cookie = 'timezone-offset=' + new Date().getTimezoneOffset() + '; path=/';
  document.cookie = 'cookie-detection=1; path=/';
  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }
  function digest(name, text) { return crypto.subtle.digest(name, new TextEncoder().encode(text)).then(hex); }
  function post(msg, fields) {
    fields.correlationid = crypto.randomUUID();
    return fetch('/app/session/processlogin.aspx?msg=' + msg, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' },
      body: new URLSearchParams(fields).toString()
    }).then(function (r) { return r.json(); });
  }
  function done(answer) {
    if (answer.Success) { window.location.href = config.returnUrl || answer.RedirectUrl; return; }
    if (answer.TwoFactorRequired) {
      document.getElementById('login-form').hidden = true;
      document.getElementById('twofactor-form').hidden = false;
      return;
    }
    errorBox.textContent = answer.ErrorMessage || 'Login failed.';
  }
  document.getElementById('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    errorBox.textContent = '';
    var code = document.getElementById('practicecode').value;
    var username = document.getElementById('username').value;
    var password = document.getElementById('password').value;
    post(3, { practicecode: code, docookiecheck: 'true' }).then(function (step1) {
      if (!step1.Success) { errorBox.textContent = step1.ErrorMessage; return; }
      return Promise.all([digest('SHA-512', password), digest('SHA-256', config.nonce + '|' + username.toLowerCase())])
        .then(function (hashes) {
          return post(4, { msg: '4', username: username, password: hashes[0].toUpperCase(), agreetos: 'false',
            docookiecheck: 'true', 'e-username': btoa(code), twofactorreentryskipfornow: 'false', browserproof: hashes[1] });
        }).then(done);
    }).catch(function () { errorBox.textContent = 'The server could not be reached.'; });
  });
  document.getElementById('twofactor-form').addEventListener('submit', function (event) {
    event.preventDefault();
    post(5, { code: document.getElementById('twofactorcode').value,
      rememberdevice: String(document.getElementById('rememberdevice').checked) }).then(done);
  });
})();`;
