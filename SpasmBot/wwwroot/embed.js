/*
 * SpasmBot website widget. One tag adds a floating chat button to any page:
 *
 *   <script src="https://your-bot.example/embed.js"
 *           data-title="SpasmBot" data-accent="#0b6e4f" data-position="right"></script>
 *
 * Options (all optional): data-title, data-accent (CSS colour), data-position ("right" or "left"),
 * data-button-label, data-open ("true" opens the chat on load).
 * The page never sees a Direct Line secret: it asks the bot for a conversation token (POST /api/directline/token).
 * The token and conversation id are kept in sessionStorage, so a reload continues the same conversation.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.SpasmBotWidget) {
    return;
  }
  var botOrigin = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var options = {
    title: data.title || 'SpasmBot',
    accent: data.accent || '#0b6e4f',
    position: data.position === 'left' ? 'left' : 'right',
    buttonLabel: data.buttonLabel || 'Questions about back spasms?',
    open: data.open === 'true'
  };
  var storageKey = 'spasmbot:' + botOrigin;
  var notice = options.title + ' is not a doctor. It gives general information, not a diagnosis. ' +
    'In an emergency call your local emergency number (999, 911 or 112).';

  var css =
    '.spasmbot-launcher{position:fixed;bottom:20px;' + options.position + ':20px;z-index:2147483000;border:0;border-radius:28px;' +
    'padding:14px 20px;background:' + options.accent + ';color:#fff;font:600 15px/1.2 system-ui,sans-serif;cursor:pointer;' +
    'box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.spasmbot-launcher:focus-visible{outline:3px solid #000;outline-offset:2px}' +
    '.spasmbot-panel{position:fixed;bottom:84px;' + options.position + ':20px;z-index:2147483000;width:min(400px,calc(100vw - 40px));' +
    'height:min(620px,calc(100vh - 110px));display:none;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;' +
    'box-shadow:0 8px 30px rgba(0,0,0,.3);font:14px/1.4 system-ui,sans-serif}' +
    '.spasmbot-panel[data-open="true"]{display:flex}' +
    '.spasmbot-header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:' + options.accent + ';color:#fff}' +
    '.spasmbot-header h2{margin:0;font-size:16px}' +
    '.spasmbot-close{border:0;background:transparent;color:#fff;font-size:22px;line-height:1;cursor:pointer}' +
    '.spasmbot-notice{margin:0;padding:8px 14px;background:#fff4e5;color:#5c3b00;font-size:12.5px;border-bottom:1px solid #f0d9b5}' +
    '.spasmbot-chat{flex:1;min-height:0}' +
    '.spasmbot-status{padding:14px;color:#444}';

  var style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'spasmbot-launcher';
  launcher.id = 'spasmbot-launcher';
  launcher.textContent = options.buttonLabel;
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'spasmbot-panel');

  var panel = document.createElement('section');
  panel.className = 'spasmbot-panel';
  panel.id = 'spasmbot-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', options.title + ' chat');
  panel.innerHTML =
    '<div class="spasmbot-header"><h2></h2><button type="button" class="spasmbot-close" aria-label="Close chat">&times;</button></div>' +
    '<p class="spasmbot-notice" role="note"></p>' +
    '<div class="spasmbot-chat"><div class="spasmbot-status">Connecting…</div></div>';
  panel.querySelector('h2').textContent = options.title;
  panel.querySelector('.spasmbot-notice').textContent = notice;
  var chat = panel.querySelector('.spasmbot-chat');

  document.body.appendChild(panel);
  document.body.appendChild(launcher);

  var started = false;

  function setOpen(open) {
    panel.setAttribute('data-open', open ? 'true' : 'false');
    launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
    try { sessionStorage.setItem(storageKey + ':open', open ? '1' : '0'); } catch (e) { /* storage may be off */ }
    if (open && !started) {
      started = true;
      start().catch(function (error) {
        started = false;
        chat.innerHTML = '<div class="spasmbot-status" role="alert"></div>';
        chat.firstChild.textContent = 'Sorry, the chat could not start (' + error.message + '). Please try again later.';
      });
    }
  }

  launcher.addEventListener('click', function () { setOpen(panel.getAttribute('data-open') !== 'true'); });
  panel.querySelector('.spasmbot-close').addEventListener('click', function () { setOpen(false); launcher.focus(); });

  function loadWebChat() {
    if (window.WebChat) {
      return Promise.resolve(window.WebChat);
    }
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = botOrigin + '/lib/webchat.js';
      tag.onload = function () { resolve(window.WebChat); };
      tag.onerror = function () { reject(new Error('Web Chat did not load')); };
      document.head.appendChild(tag);
    });
  }

  function readSaved() {
    try { return JSON.parse(sessionStorage.getItem(storageKey) || 'null'); } catch (e) { return null; }
  }

  function save(value) {
    try {
      if (value) { sessionStorage.setItem(storageKey, JSON.stringify(value)); } else { sessionStorage.removeItem(storageKey); }
    } catch (e) { /* private mode: the conversation just won't survive a reload */ }
  }

  // A saved conversation is resumed when its token still works; otherwise a new one starts.
  function resume(saved) {
    return fetch(saved.domain + '/conversations/' + encodeURIComponent(saved.conversationId) + '?watermark=', {
      headers: { Authorization: 'Bearer ' + saved.token, Accept: 'application/json' }
    }).then(function (response) {
      if (!response.ok) {
        return null;
      }
      return response.json().then(function (body) {
        // DirectLineJS reconnects itself (GET conversations/{id}) and keeps refreshing the token. No watermark:
        // the whole (bounded) log is replayed, so the reloaded page shows the conversation again.
        return { domain: saved.domain, token: body.token, conversationId: body.conversationId };
      });
    }).catch(function () { return null; });
  }

  function fresh() {
    return fetch(botOrigin + '/api/directline/token', { method: 'POST', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('token request failed: ' + response.status);
        }
        return response.json();
      })
      .then(function (body) {
        return { domain: body.domain || botOrigin + '/v3/directline', token: body.token };
      });
  }

  function start() {
    var saved = readSaved();
    return Promise.all([loadWebChat(), saved ? resume(saved) : Promise.resolve(null)])
      .then(function (results) {
        var connection = results[1];
        return connection ? [results[0], connection] : fresh().then(function (c) { return [results[0], c]; });
      })
      .then(function (results) {
        var WebChat = results[0];
        var connection = results[1];
        var directLine = WebChat.createDirectLine(connection);
        directLine.connectionStatus$.subscribe(function (status) {
          // 2 = online: keep what a reload needs. 4/5 = failed/ended: forget it.
          if (status === 2) {
            save({ domain: connection.domain, token: directLine.token, conversationId: directLine.conversationId });
          } else if (status === 4 || status === 5) {
            save(null);
          }
        });
        // DirectLineJS refreshes its token every 15 minutes; keep the newest for the next reload.
        directLine.activity$.subscribe(function () {
          if (directLine.conversationId) {
            save({ domain: connection.domain, token: directLine.token, conversationId: directLine.conversationId });
          }
        });
        chat.innerHTML = '';
        WebChat.renderWebChat({
          directLine: directLine,
          locale: navigator.language || 'en-US',
          styleOptions: {
            accent: options.accent,
            botAvatarInitials: 'SB',
            userAvatarInitials: 'You',
            hideUploadButton: true,
            bubbleMaxWidth: 340
          }
        }, chat);
      });
  }

  window.SpasmBotWidget = { open: function () { setOpen(true); }, close: function () { setOpen(false); } };

  var wasOpen = false;
  try { wasOpen = sessionStorage.getItem(storageKey + ':open') === '1'; } catch (e) { /* ignore */ }
  if (options.open || wasOpen) {
    setOpen(true);
  }
})();
