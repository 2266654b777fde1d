import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ValidationIssue } from '../../../domain/errors.js';
import { NotFoundError } from '../../../domain/errors.js';
import type { Practice } from '../../../domain/practice.js';
import type { Submission } from '../../../domain/submission.js';
import { FORM_BODY_LIMIT } from '../../form-parsing.js';
import { contributionForm, formValuesOf, submissionPage } from '../../presenters/contribution-presenter.js';
import { localizeIssues } from '../../presenters/validation-presenter.js';
import type { SubmissionLimiter } from '../../submission-limiter.js';
import { urls } from '../../urls.js';
import { logHoneypot, privatePageHeaders, tooMany } from '../contribute/forms.js';
import { ContributionFormBody, toSubmissionInput, type FormValues, type FormVariant } from '../contribute/schemas.js';
import { presenterContext } from '../context.js';
import { TrackingParams, TrackingQuery } from './schemas.js';

export interface SubmissionsRoutesOptions {
  limiter: SubmissionLimiter;
}

const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');

/**
 * The private tracking page `/submissions/:token` (status, feedback, the record as submitted, and the
 * revision form while changes are requested) and `POST /api/submissions`.
 */
export async function submissionsRoutes(fastify: FastifyInstance, opts: SubmissionsRoutesOptions) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { limiter } = opts;

  const find = (token: string) => {
    const found = app.services.submissions.findByToken(token);
    // The 404 names no token: it would end up in the page.
    if (!found) throw new NotFoundError('page', '/submissions/…');
    return found;
  };
  const variantOf = (p: Practice): FormVariant => (p.kind === 'bilateral-alliance' ? 'alliance' : 'practice');

  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    found: { practice: Practice; submission: Submission },
    state: { values?: FormValues; issues?: ValidationIssue[]; partyRows?: number[]; preview?: string | null; revised?: boolean; status?: number } = {},
  ) => {
    const ctx = presenterContext(app, request);
    const { practice, submission } = found;
    const form =
      practice.status === 'changes-requested'
        ? contributionForm(ctx, {
            variant: variantOf(practice),
            isRevision: true,
            action: urls.submission(token),
            csrf: reply.generateCsrf(),
            values: state.values ?? formValuesOf(practice, submission),
            issues: state.issues ?? [],
            partyRows: state.partyRows ?? [],
            partners: app.services.partners.list(),
            preview: state.preview ?? null,
          })
        : null;
    const view = submissionPage(ctx, practice, submission, { revised: state.revised ?? false, form });
    privatePageHeaders(reply);
    return reply.page('pages/submissions/show', { submission: view }, {
      title: request.t('submission.title'),
      section: 'contribute',
      noindex: true,
      scripts: form ? ['/assets/preview.js'] : [],
      status: state.status,
    });
  };

  app.get('/submissions/:token', { schema: { params: TrackingParams, querystring: TrackingQuery } }, async (request, reply) => {
    const found = find(request.params.token);
    return render(request, reply, request.params.token, found, { revised: request.query.revised });
  });

  // A revision: only while the curators asked for changes (else back to the tracking page), same validation.
  app.post(
    '/submissions/:token',
    { schema: { params: TrackingParams, body: ContributionFormBody }, bodyLimit: FORM_BODY_LIMIT, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { token } = request.params;
      const found = find(token);
      const back = urls.submission(token);
      if (found.practice.status !== 'changes-requested') return reply.redirect(back, 303);
      const { _csrf, action, website, ...values } = request.body;
      const variant = variantOf(found.practice);
      if (action === 'preview') {
        return render(request, reply, token, found, { values, preview: app.services.submissions.preview(values.body) });
      }
      const wait = await limiter.check(request);
      if (wait !== null) return tooMany(app, request, reply, wait);
      if (website.trim() !== '') {
        logHoneypot(request, 'revision');
        await limiter.count(request);
        return reply.redirect(`${back}?revised=1`, 303);
      }
      const { input, partyRows } = toSubmissionInput(values, variant, { withContributor: false, isCountryCode: app.services.taxonomy.isCountryCode });
      const r = app.services.submissions.resubmit(token, input);
      if (!r.ok && 'notAllowed' in r) return reply.redirect(back, 303);
      if (!r.ok) return render(request, reply, token, found, { values, issues: r.issues, partyRows, status: 400 });
      await limiter.count(request);
      return reply.redirect(`${back}?revised=1`, 303);
    },
  );

  // The JSON API: the record as `submissions.submit` takes it (the import schema plus body, contributor and
  // optional alliance, other_partners, sources). No CSRF token here: CSRF abuses a browser's ambient
  // credentials (cookies) on a cookie-authenticated form, and this endpoint reads no cookie and grants
  // nothing a cookie could carry; requiring `application/json` also keeps plain cross-site HTML forms
  // (urlencoded, multipart, text/plain) out, since a browser can only send JSON cross-site after a CORS
  // preflight, which Puente never allows. Rate-limited with the forms.
  app.post(
    '/api/submissions',
    {
      bodyLimit: FORM_BODY_LIMIT,
      onRequest: async (request, reply) => {
        if (!isJson(request.headers['content-type'])) {
          return app.sendError(request, reply, 415, 'unsupported_media_type', request.t('errors.unsupportedType.body'));
        }
      },
    },
    async (request, reply) => {
      const wait = await limiter.check(request);
      if (wait !== null) return tooMany(app, request, reply, wait);
      const r = app.services.submissions.submit(request.body, 'api');
      if (!r.ok) {
        return reply.code(400).send({ error: 'validation_failed', message: request.t('contribute.errors.summaryTitle'), issues: localizeIssues(r.issues, request.t) });
      }
      await limiter.count(request);
      const path = urls.submission(r.token);
      privatePageHeaders(reply);
      return reply.code(201).send({ token: r.token, status_url: `${request.protocol}://${request.host}${path}` });
    },
  );
}
