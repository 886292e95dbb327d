/**
 * Scenario text (narrative, inject content) as plain paragraphs: blank lines split paragraphs,
 * single line breaks stay. React escapes the text, so nothing in it becomes markup.
 */
export function PlainText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="plain-text">
          {paragraph}
        </p>
      ))}
    </>
  );
}
