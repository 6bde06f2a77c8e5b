/* Quiz pages (hội thi tìm hiểu): score a self-check quiz in the browser.
   The right choice of each question is in its fieldset's data-answer (a self-check, not an
   exam). Nothing is stored and nothing is sent: no storage, no network, no cookies.
   Without JavaScript the buttons stay hidden and the page links to the answer key. */
(function () {
  "use strict";

  function setup(form) {
    var check = form.querySelector("[data-cchc-quiz-check]");
    var reset = form.querySelector("[data-cchc-quiz-reset]");
    var score = form.querySelector(".cchc-quiz__score");
    // Only the questions the page made, each with its place for the verdict.
    var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-answer]")).filter(function (question) {
      return question.querySelector(".cchc-quiz__result") && question.querySelector(".cchc-quiz__verdict");
    });
    if (!check || !score || !questions.length) return;

    function mark() {
      var right = 0;
      questions.forEach(function (question) {
        var chosen = question.querySelector("input[type=radio]:checked");
        var answer = question.getAttribute("data-answer");
        var result = question.querySelector(".cchc-quiz__result");
        var verdict = question.querySelector(".cchc-quiz__verdict");
        var correct = chosen !== null && chosen.value === answer;
        if (correct) right += 1;
        question.classList.toggle("cchc-quiz__question--right", correct);
        question.classList.toggle("cchc-quiz__question--wrong", !correct);
        verdict.textContent = chosen === null ? "Bạn chưa chọn đáp án." : (correct ? "Đúng." : "Chưa đúng.");
        result.hidden = false;
      });
      score.textContent = "Bạn trả lời đúng " + right + "/" + questions.length + " câu.";
      score.focus();
    }

    function clear() {
      questions.forEach(function (question) {
        question.classList.remove("cchc-quiz__question--right", "cchc-quiz__question--wrong");
        question.querySelector(".cchc-quiz__result").hidden = true;
      });
      score.textContent = "";
    }

    score.tabIndex = -1;  // focus moves to the score, so keyboard and screen reader users hear it
    check.hidden = false;
    check.addEventListener("click", mark);
    form.addEventListener("submit", function (event) { event.preventDefault(); mark(); });
    if (reset) {
      reset.hidden = false;
      form.addEventListener("reset", function () { window.setTimeout(clear, 0); });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-cchc-quiz]"), setup);
})();
