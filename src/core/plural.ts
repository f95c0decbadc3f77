/** `1 target`, `2 targets`: counts in messages read as a person would write them. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
