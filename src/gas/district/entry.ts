/**
 * Every function Apps Script calls in the department's «Район» project (a second script project,
 * built into dist-district/ with its own manifest): the menu, and the continuation trigger of the
 * roll-up. See rollup.ts.
 */
export { continueDistrict, menuDistrictFolder, menuDistrictRollUp, onOpen } from "./rollup";
