/**
 * Instructions are Markdown written by people and by imported files. They are shown as text, one
 * paragraph per blank-line-separated block with line breaks kept, and never as HTML: nothing in
 * an imported playbook can run or restyle the app.
 */
export function InstructionsText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  if (paragraphs.length === 0) return null;
  return (
    <div className="instructions">
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}
