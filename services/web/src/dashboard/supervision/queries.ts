import { graphql } from '../../gql';

/** 节点通报 of a node's subtree (the page's first query: the server's refusal for a node out of scope shows here). */
export const NoticesQuery = graphql(`
  query SupNotices($campaignId: String!, $orgPath: String) {
    milestoneNotices(campaignId: $campaignId, orgPath: $orgPath) {
      id
      milestone
      label
      node
      nodeAt
      issuedAt
      orgPath
      due
      missed
      reachedRate
    }
    dashboard(campaignId: $campaignId, orgPath: $orgPath) {
      unitName
      figures {
        accountability {
          records
          causesFilled
        }
      }
    }
  }
`);

/** Who missed a node (the named list), page by page. */
export const MissedQuery = graphql(`
  query SupMissed($noticeId: ID!, $orgPath: String, $after: String) {
    milestoneNoticeMissed(noticeId: $noticeId, orgPath: $orgPath, first: 50, after: $after) {
      items {
        commitmentId
        subjectName
        subjectKind
        orgName
        orgPath
        stageLabel
        stageDeadline
        reviewerName
      }
      nextCursor
    }
  }
`);

/** 月报 / 季报 of the node and the units one level below, newest period first. */
export const SnapshotsQuery = graphql(`
  query SupSnapshots($campaignId: String!, $orgPath: String, $period: String!) {
    reportSnapshots(campaignId: $campaignId, orgPath: $orgPath, period: $period) {
      id
      orgPath
      orgName
      levelLabel
      periodLabel
      periodName
      takenAt
      commitments
      closed
      graded
      kept
      overdueCommitments
      reviewsNotPassed
      redoOrders
      rectifications
      rectificationsOpen
      rectificationsOverdue
      rectificationsSettled
      rectificationRate
      massResponses
      satisfactionRate
    }
  }
`);

/** A rectification item's accountability records (逐级上追). */
export const AccountabilityQuery = graphql(`
  query SupAccountability($id: ID!) {
    rectification(id: $id) {
      id
      escalationLevel
      accountabilities {
        id
        level
        unitName
        assigneeName
        cause
        createdAt
      }
    }
  }
`);
