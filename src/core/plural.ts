/** `1 target`, `2 targets`: counts in messages read as a person would write them. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** `61,204`: a figure a reader takes in at a glance. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US')
}

/** `61,204 messages`: a count with its figure grouped. */
export function tally(n: number, noun: string): string {
  return `${grouped(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** `1.6 %`: a share from 0 to 1, to a tenth of a percent. */
export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)} %`
}
