/** Every aggregate starts here: nothing has happened to it yet. */
export interface Initial {
  readonly status: 'initial';
}

export const INITIAL: Initial = { status: 'initial' };
