import type { PrintableSheet } from "~/paper/paper.server";
import type { PaperQuestion } from "~/paper/sheet";
import { useNonce } from "~/utils/nonce";

function Box() {
  return <span className="paper-box" aria-hidden="true" />;
}

const WRITING_LINES = 4;

function WritingLines() {
  return (
    <div className="paper-lines" aria-hidden="true">
      {Array.from({ length: WRITING_LINES }, (_, i) => (
        <div key={i} />
      ))}
    </div>
  );
}

function Options({ question }: { question: PaperQuestion }) {
  return (
    <ul className="paper-options">
      {question.options.map((o, i) => (
        <li key={o.key}>
          <Box />
          <span className="paper-n">{i + 1}</span>
          <span>{o.text}</span>
        </li>
      ))}
    </ul>
  );
}

function Matrix({ question }: { question: PaperQuestion }) {
  return (
    <table className="paper-matrix">
      <thead>
        <tr>
          <td />
          {question.options.map((o, i) => (
            <th key={o.key} scope="col">
              <span className="paper-n">{i + 1}</span> {o.text}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {question.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.text}</th>
            {question.options.map((o) => (
              <td key={o.key}>
                <Box />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A code's whole questionnaire for print: tick boxes numbered as on the data-entry page, the code
 * in the running header and footer of every page (@page paper's margin boxes read --paper-code,
 * set by a nonce'd style so it prints without JavaScript), the envelope note last.
 */
export function PaperSheet({ sheet }: { sheet: PrintableSheet }) {
  const nonce = useNonce();
  // the code is Crockford letters, digits and dashes: JSON quoting makes it a CSS string as it is
  const running = `:root{--paper-code:${JSON.stringify(sheet.code)}}`;
  return (
    <article className="paper" lang={sheet.lang} dir={sheet.dir} data-code={sheet.code}>
      <style nonce={nonce} dangerouslySetInnerHTML={{ __html: running }} />
      <header className="paper-head">
        <h1>{sheet.title}</h1>
        <p className="paper-code" dir="ltr">
          {sheet.code}
        </p>
      </header>
      {sheet.intro.map((line) => (
        <p key={line} className="paper-intro">
          {line}
        </p>
      ))}
      <ol className="paper-questions">
        {sheet.questions.map((q) => (
          <li key={q.key} className="paper-q">
            <p className="paper-q-text">
              <span className="paper-q-n">{q.number}.</span> {q.text}
            </p>
            <p className="paper-hint">{sheet.hints[q.type]}</p>
            {q.type === "matrix" ? <Matrix question={q} /> : q.type === "text" ? <WritingLines /> : <Options question={q} />}
          </li>
        ))}
      </ol>
      <p className="paper-envelope">{sheet.envelope}</p>
    </article>
  );
}
