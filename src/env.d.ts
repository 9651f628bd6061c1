/**
 * Types of what on-demand pages share with the layout through `Astro.locals`.
 */
declare namespace App {
  interface Locals {
    /** Set by the page setup (src/lib/account/page.ts, src/lib/opportunities/page.ts): a person is signed in. */
    signedIn?: boolean;
  }
}
