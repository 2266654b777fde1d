import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ValidationIssue } from '../../../domain/errors.js';
import { VALIDATION_EN } from '../../../domain/validation.js';
import { FORM_BODY_LIMIT, isUploadedFile } from '../../form-parsing.js';
import { bodyTemplate, contributionForm, uploadForm } from '../../presenters/contribution-presenter.js';
import type { SubmissionLimiter } from '../../submission-limiter.js';
import { urls } from '../../urls.js';
import { presenterContext } from '../context.js';
import { contributorInput, contributorIssues, decoyToken, logHoneypot, privatePageHeaders, receiptToken, redirectToReceipt, tooMany } from './forms.js';
import { ContributionFormBody, emptyFormValues, PreviewBody, toSubmissionInput, UploadFormBody, type FormValues, type FormVariant, type UploadValues } from './schemas.js';

export interface ContributeRoutesOptions {
  /** The per-IP budget of contributions shared with the API and revisions. */
  limiter: SubmissionLimiter;
}

const PREVIEW_SCRIPT = '/assets/preview.js';

/**
 * `/contribute`: the guide and the three ways to contribute; the practice and alliance forms (preview
 * and submit), the Markdown upload, the live preview's JSON endpoint and the receipt.
 * Every POST checks the CSRF token (`preHandler: app.csrfProtection`, after the body is parsed).
 */
export async function contributeRoutes(fastify: FastifyInstance, opts: ContributeRoutesOptions) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { limiter } = opts;
  const submissions = () => app.services.submissions;

  app.get('/contribute', async (request, reply) => {
    return reply.page(
      'pages/contribute/index',
      { practiceUrl: urls.contributePractice(), allianceUrl: urls.contributeAlliance(), uploadUrl: urls.contributeUpload() },
      { title: request.t('contribute.title'), section: 'contribute' },
    );
  });

  // ------------------------------------------------------------------ practice and alliance forms

  const variants: Array<{ variant: FormVariant; url: string }> = [
    { variant: 'practice', url: urls.contributePractice() },
    { variant: 'alliance', url: urls.contributeAlliance() },
  ];

  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    variant: FormVariant,
    state: { values: FormValues; issues?: ValidationIssue[]; partyRows?: number[]; preview?: string | null; status?: number },
  ) => {
    const ctx = presenterContext(app, request);
    const form = contributionForm(ctx, {
      variant,
      isRevision: false,
      action: variant === 'alliance' ? urls.contributeAlliance() : urls.contributePractice(),
      csrf: reply.generateCsrf(),
      values: state.values,
      issues: state.issues ?? [],
      partyRows: state.partyRows ?? [],
      partners: app.services.partners.list(),
      preview: state.preview ?? null,
    });
    const title = variant === 'alliance' ? request.t('contribute.alliance.title') : request.t('contribute.practice.title');
    const intro = variant === 'alliance' ? request.t('contribute.alliance.intro') : request.t('contribute.practice.intro');
    return reply.page('pages/contribute/form', { form, heading: title, intro }, { title, section: 'contribute', scripts: [PREVIEW_SCRIPT], status: state.status });
  };

  for (const { variant, url } of variants) {
    app.get(url, async (request, reply) => {
      const ctx = presenterContext(app, request);
      const values = emptyFormValues({ language: request.lang, body: bodyTemplate(ctx, variant), kind: variant === 'alliance' ? 'bilateral-alliance' : '' });
      return renderForm(request, reply, variant, { values });
    });

    app.post(url, { schema: { body: ContributionFormBody }, bodyLimit: FORM_BODY_LIMIT, preHandler: app.csrfProtection }, async (request, reply) => {
      const { _csrf, action, website, ...values } = request.body;
      if (action === 'preview') {
        return renderForm(request, reply, variant, { values, preview: submissions().preview(values.body) });
      }
      const wait = await limiter.check(request);
      if (wait !== null) return tooMany(app, request, reply, wait);
      if (website.trim() !== '') {
        logHoneypot(request, variant);
        await limiter.count(request);
        return redirectToReceipt(reply, urls.contributeThanks(), decoyToken());
      }
      const { input, partyRows } = toSubmissionInput(values, variant, { withContributor: true, isCountryCode: app.services.taxonomy.isCountryCode });
      const r = submissions().submit(input, 'form');
      if (!r.ok) return renderForm(request, reply, variant, { values, issues: r.issues, partyRows, status: 400 });
      await limiter.count(request);
      return redirectToReceipt(reply, urls.contributeThanks(), r.token);
    });
  }

  // ------------------------------------------------------------------ live preview (JSON)

  // The live preview's fetch: `{ body }` -> `{ html }`, the same pipeline as publishing; saves nothing.
  // CSRF token in the `csrf-token` header (the page's `data-csrf`).
  app.post(urls.contributePreview(), { schema: { body: PreviewBody }, bodyLimit: FORM_BODY_LIMIT, preHandler: app.csrfProtection }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return { html: submissions().preview(request.body.body) };
  });

  // ------------------------------------------------------------------ Markdown upload

  const renderUpload = (request: FastifyRequest, reply: FastifyReply, state: { values: Pick<UploadValues, 'other_partners' | 'contributor'>; issues?: ValidationIssue[]; status?: number }) => {
    const form = uploadForm(presenterContext(app, request), { action: urls.contributeUpload(), csrf: reply.generateCsrf(), values: state.values, issues: state.issues ?? [] });
    return reply.page('pages/contribute/upload', { form }, { title: request.t('contribute.upload.title'), section: 'contribute', status: state.status });
  };

  app.get(urls.contributeUpload(), async (request, reply) =>
    renderUpload(request, reply, { values: { other_partners: '', contributor: emptyFormValues({ language: 'es', body: '', kind: '' }).contributor } }),
  );

  app.post(urls.contributeUpload(), { schema: { body: UploadFormBody }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { file, website, ...values } = request.body;
    const wait = await limiter.check(request);
    if (wait !== null) return tooMany(app, request, reply, wait);
    if (website.trim() !== '') {
      logHoneypot(request, 'upload');
      await limiter.count(request);
      return redirectToReceipt(reply, urls.contributeThanks(), decoyToken());
    }
    const text = readMarkdownFile(file);
    if (typeof text !== 'string') {
      return renderUpload(request, reply, { values, issues: [text, ...contributorIssues(values.contributor)], status: 400 });
    }
    const r = submissions().submitMarkdown(text, {
      contributor: contributorInput(values.contributor),
      ...(values.other_partners.trim() ? { other_partners: values.other_partners } : {}),
    });
    if (!r.ok) {
      // When the file cannot be read as a record, the service stops there: add the contributor's own problems.
      const more = r.issues.some((i) => i.path.startsWith('contributor.')) ? [] : contributorIssues(values.contributor);
      return renderUpload(request, reply, { values, issues: [...r.issues, ...more], status: 400 });
    }
    await limiter.count(request);
    return redirectToReceipt(reply, urls.contributeThanks(), r.token);
  });

  // ------------------------------------------------------------------ receipt

  app.get(urls.contributeThanks(), async (request, reply) => {
    const token = receiptToken(request);
    if (!token) return reply.redirect(urls.contribute(), 303);
    privatePageHeaders(reply);
    const path = urls.submission(token);
    return reply.page(
      'pages/contribute/thanks',
      { trackingPath: path, trackingUrl: `${request.protocol}://${request.host}${path}` },
      { title: request.t('contribute.thanks.title'), section: 'contribute', noindex: true },
    );
  });
}

/** The uploaded `.md` file as text, or the problem with it (path `file`). */
function readMarkdownFile(file: unknown): string | ValidationIssue {
  const problem = (key: 'notMarkdownFile' | 'empty'): ValidationIssue => ({ path: 'file', key, params: {}, message: VALIDATION_EN[key] });
  if (!isUploadedFile(file) || !/\.md$/i.test(file.filename)) return problem('notMarkdownFile');
  if (file.data.length === 0) return problem('empty');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.data).replace(/^\uFEFF/, '');
    return text.trim() === '' ? problem('empty') : text;
  } catch {
    return problem('notMarkdownFile');
  }
}
