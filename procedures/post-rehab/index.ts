import { defineProcedure } from '../procedure-module';
import { postRehabFigures } from './figures';
import { postRehabActions, postRehabFields } from './actions';
import { postRehab } from './definition';
import { postRehabRules } from './rules';

/** Opened only by the case it follows (no `opening`). */
export const postRehabModule = defineProcedure({
  definition: postRehab,
  actions: postRehabActions,
  rules: postRehabRules,
  figures: postRehabFigures,
  fields: postRehabFields,
});
