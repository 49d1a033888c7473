/* Meja Tulis, when JavaScript is there: a photo is made at most 1600 pixels wide
   as a JPEG in the browser before it is sent, and its size is shown, so an upload
   over a slow link stays small. Without JavaScript (or if the browser cannot) the
   original file is sent; the server shrinks it and removes its metadata anyway. */
(function () {
  var form = document.querySelector("form[data-photo-resize]");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var status = form.querySelector(".photo-size");
  var MAX = 1600;
  if (!input || !status || !window.FileReader || !window.DataTransfer) return;

  function size(bytes) {
    return bytes > 1048576
      ? (bytes / 1048576).toFixed(1).replace(".", ",") + " MB"
      : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function say(label, bytes) {
    status.textContent = form.getAttribute(label).replace("{size}", size(bytes));
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) return;
    say("data-size-label", file.size);
    if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return;
    var url = URL.createObjectURL(file);
    var img = new Image();
    img.onload = function () {
      URL.revokeObjectURL(url);
      var scale = Math.min(1, MAX / Math.max(img.naturalWidth, img.naturalHeight));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob || blob.size >= file.size) return;
        var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
        var transfer = new DataTransfer();
        transfer.items.add(new File([blob], name, { type: "image/jpeg" }));
        input.files = transfer.files;
        say("data-resized-label", blob.size);
      }, "image/jpeg", 0.82);
    };
    img.onerror = function () { URL.revokeObjectURL(url); };
    img.src = url;
  });
})();
