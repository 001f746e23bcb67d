// Browser code that renders comments.
export function showComment(container, comment) {
  // Request-controlled text inserted as HTML.
  container.innerHTML = '<p class="comment">' + comment.body + '</p>';
  // The safe look-alike: text, not HTML.
  container.querySelector('.author').textContent = comment.author;
}

export function sessionToken() {
  const sessionId = Math.random().toString(36).slice(2);
  return sessionId;
}
