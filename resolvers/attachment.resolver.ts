import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { Attachment } from '../schema/attachment.type';
import { AttachmentAvailability } from '../schema/attachment-availability.enum';
import { UsesErs } from '../kernel/gate';
import { binaryIdOf } from '../schema/scalars';
import { Organisation, organisationOf } from '../schema/federation';

/**
 * Download links of attachments. A link carries a short-lived ticket (see
 * src/auth/download-ticket.ts), so it works in `<a href>` and `<img src>` without headers. The
 * field is gated with the endpoint the link leads to: a role that could not download gets
 * FORBIDDEN here rather than a link that fails later.
 */
@Resolver((_of) => Attachment)
export class AttachmentResolver {
  @UsesErs('A042')
  @FieldResolver((_returns) => String, {
    nullable: true,
    description:
      'An absolute link that downloads the file (GET /attachments/{binaryId}, e-RS A042), valid for a few minutes ' +
      'and only for the user and role that asked: fetch it when needed, do not store it. ' +
      'Null when the file is not AVAILABLE or has no download URL.',
  })
  async downloadUrl(@Root() attachment: Attachment, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (attachment.availability !== AttachmentAvailability.AVAILABLE) return null;
    const id = binaryIdOf(attachment.url);
    if (!id) return null;
    return ctx.documents.url({ kind: 'attachment', id });
  }

  @FieldResolver((_returns) => Organisation, {
    nullable: true,
    description:
      'The organisation that attached the file (`attachedByOdsCode`), at no e-RS call; an ODS subgraph adds its name in a supergraph.',
  })
  attachedByOrganisation(@Root() attachment: Attachment): Organisation | null {
    return organisationOf(attachment.attachedByOdsCode);
  }
}
