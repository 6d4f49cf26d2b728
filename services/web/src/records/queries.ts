import { graphql } from '../gql';

export const StartExportMutation = graphql(`
  mutation RecStartExport($input: StartExportInput!) {
    startExport(input: $input) {
      ...RecExportJob
    }
  }
`);

export const ExportJobFields = graphql(`
  fragment RecExportJob on ExportJob {
    id
    kind
    kindLabel
    status
    statusLabel
    done
    total
    progressLabel
    filename
    downloadPath
    error
  }
`);

export const ExportJobQuery = graphql(`
  query RecExportJob($id: ID!) {
    exportJob(id: $id) {
      ...RecExportJob
    }
  }
`);

/** The subjects of a node (their commitments in the campaign), a page at a time. */
export const SubjectsQuery = graphql(`
  query RecSubjects($filter: CommitmentFilterInput, $first: Int!, $after: String) {
    commitments(filter: $filter, first: $first, after: $after) {
      items {
        id
        subjectName
        subjectKind
        orgPath
        stage
        stageLabel
        grade
        reviewerName
        overdue
      }
      nextCursor
    }
  }
`);

export const CampaignNameQuery = graphql(`
  query RecCampaignName($id: ID!) {
    campaign(id: $id) {
      id
      name
    }
  }
`);

/** What a 领导点评登记表 shows, from the commitment service. */
export const FormQuery = graphql(`
  query RecForm($id: ID!) {
    commitment(id: $id) {
      id
      campaignId
      orgPath
      subjectId
      subjectKind
      subjectName
      reviewerId
      reviewerName
      selfEvaluation
      reviews {
        id
        at
        passed
        modeLabel
        gradeLabel
        achievements
        shortcomings
        causes
        measuresJson
        signature
        signoff {
          name
          signedAt
          contentHash
        }
      }
      rectifications {
        id
        status
      }
    }
  }
`);
