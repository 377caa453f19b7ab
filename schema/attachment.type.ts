import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, OdsCodeScalar, SdsUserIdScalar } from './scalars';
import { AttachmentAvailability } from './attachment-availability.enum';
import { Code } from './code.type';

/** A file attached to a referral (a contained DocumentReference's content.attachment). */
@ObjectType('Attachment', {
  description: 'A file attached to a referral: its metadata, who attached it, and whether it can be downloaded yet.',
})
export class Attachment {
  @Field((_type) => ID, {
    nullable: true,
    description: 'The e-RS attachment id, e.g. "70002".',
  })
  id!: string | null;

  @Field((_type) => ID, {
    nullable: true,
    description: 'Id of the DocumentReference that carries the file within the referral, e.g. "DocumentReference-70002".',
  })
  documentReferenceId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Where e-RS serves the file, as sent (e.g. "Binary/19eb7224-..."); download it only when AVAILABLE.',
  })
  url!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The file name, e.g. "referral-letter.pdf".',
  })
  title!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The MIME type of the file, e.g. "application/pdf".',
  })
  contentType!: string | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'The file size in bytes.',
  })
  size!: number | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'A description of the file entered when it was attached.',
  })
  description!: string | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'Who the file is from: REFERRER, PROVIDER, ADVICE_REQUEST or GUIDANCE_RESPONSE (eRS-AttachmentType-1).',
  })
  type!: Code | null;

  @Field((_type) => DateScalar, {
    nullable: true,
    description: 'The day the file was made, as e-RS records it (a date).',
  })
  created!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the file was attached to the referral.',
  })
  attachedAt!: string | null;

  @Field((_type) => AttachmentAvailability, {
    nullable: true,
    description: 'Whether the file can be downloaded yet; null if e-RS did not say or sent an unknown status.',
  })
  availability!: AttachmentAvailability | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the person who attached the file (Extension-eRS-AttachedBy).',
  })
  attachedByUserId!: string | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the organisation that attached the file (Extension-eRS-AttachedByOrganisation).',
  })
  attachedByOdsCode!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the person on whose behalf the file was attached (Extension-eRS-AttachedOnBehalfOf).',
  })
  attachedOnBehalfOfUserId!: string | null;
}
