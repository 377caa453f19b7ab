import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { UbrnScalar, UploadScalar } from '../schema/scalars';
import type { UploadedFile } from '../schema/scalars/upload.scalar';
import { WritesErs } from '../kernel/gate';
import { idempotent } from '../kernel/idempotent';
import { acceptUpload, tooLarge, UploadRefusal } from '../kernel/uploads/upload-policy';

@ObjectType('UploadedAttachment', { description: 'A file uploaded to the e-RS document store (A020), ready to attach.' })
export class UploadedAttachment {
  @Field((_type) => String, { nullable: false, description: 'The reference the letter, triage and A&G mutations take: "Binary/<id>".' })
  url!: string;

  @Field((_type) => String, { nullable: false, description: 'The media type sent to e-RS (from the file extension).' })
  contentType!: string;

  @Field((_type) => String, { nullable: false, description: 'The file name sent to e-RS.' })
  title!: string;

  @Field((_type) => Int, { nullable: false, description: 'Bytes.' })
  size!: number;
}

/** An upload refusal as a GraphQL error with the same extensions `POST /attachments` answers with. */
function refused(refusal: UploadRefusal): GraphQLError {
  return new GraphQLError(refusal.message, { extensions: refusal.extensions });
}

/** Uploads through GraphQL (the multipart request spec): the same rules as `POST /attachments`. */
@Resolver()
export class UploadMutations {
  @WritesErs('A020')
  @Mutation((_returns) => UploadedAttachment, {
    nullable: true,
    description:
      'Upload a file to the e-RS document store (A020) with a GraphQL multipart request, as POST /attachments does: ' +
      'at most 5 MB, a type e-RS accepts (checked by extension and content) before any byte goes to e-RS. ' +
      'Retries are safe with an idempotency key, as for every mutation.',
  })
  async uploadAttachment(
    @Arg('file', (_type) => UploadScalar, { description: 'The file, as a part of the multipart request.' }) file: UploadedFile,
    @Arg('referralId', (_type) => UbrnScalar, {
      nullable: true,
      description: 'The UBRN the file is for (NHSD-eRS-Referral-ID); needed to attach it to a referral.',
    })
    referralId: string | undefined,
    @Arg('idempotencyKey', (_type) => String, {
      nullable: true,
      description: 'Retry safety: the same key and file within 24 h returns the first upload (or send the Idempotency-Key header).',
    })
    idempotencyKey: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<UploadedAttachment> {
    let accepted: ReturnType<typeof acceptUpload>;
    try {
      if (file.truncated) throw tooLarge();
      accepted = acceptUpload(file.bytes, file.filename, referralId ?? undefined);
    } catch (error) {
      throw error instanceof UploadRefusal ? refused(error) : error;
    }
    const { contentType, title } = accepted;
    // The file takes part in the idempotency input as its name and digest (UploadedFile.toJSON).
    const meaning: { idempotencyKey?: string; file: UploadedFile; referralId?: string } = { idempotencyKey, file, referralId };
    return idempotent(ctx, 'uploadAttachment', meaning, async () => {
      const uploaded = await ctx.data.documents.upload({
        bytes: file.bytes,
        fileName: title,
        contentType,
        referralId: referralId ?? undefined,
      });
      return { url: uploaded.url, contentType, title, size: file.bytes.length };
    });
  }
}
