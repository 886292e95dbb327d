/** Small wording helpers shared by messages in domain rules and file formats. */

/** "1 step", "12 steps", "1,200 records": the count with the noun in the right number. */
export function pluralize(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : pluralForm}`;
}
