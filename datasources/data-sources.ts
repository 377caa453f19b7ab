import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';
import { AdviceAndGuidanceDataSource } from './advice-and-guidance.datasource';
import { AppointmentsDataSource } from './appointments.datasource';
import { DirectoryDataSource } from './directory.datasource';
import { DocumentsDataSource } from './documents.datasource';
import { IdentityDataSource } from './identity.datasource';
import { ReferenceDataDataSource } from './reference-data.datasource';
import { ReferralsDataSource } from './referrals.datasource';
import { WorklistsDataSource } from './worklists.datasource';

/** One data source per e-RS area, made per request: the only way resolvers and routes reach e-RS. */
export interface DataSources {
  referrals: ReferralsDataSource;
  adviceAndGuidance: AdviceAndGuidanceDataSource;
  worklists: WorklistsDataSource;
  appointments: AppointmentsDataSource;
  directory: DirectoryDataSource;
  referenceData: ReferenceDataDataSource;
  identity: IdentityDataSource;
  documents: DocumentsDataSource;
}

/** The data sources of one request, over its e-RS client and loaders (never shared). */
export function createDataSources(ers: ErsClient, loaders: Loaders): DataSources {
  const referrals = new ReferralsDataSource(ers, loaders);
  return {
    referrals,
    adviceAndGuidance: new AdviceAndGuidanceDataSource(ers, loaders, referrals),
    worklists: new WorklistsDataSource(ers, loaders),
    appointments: new AppointmentsDataSource(ers, loaders),
    directory: new DirectoryDataSource(ers, loaders),
    referenceData: new ReferenceDataDataSource(ers, loaders),
    identity: new IdentityDataSource(ers, loaders),
    documents: new DocumentsDataSource(ers, loaders),
  };
}
