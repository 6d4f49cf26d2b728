import { graphql } from '../gql';

/** Every figure of a node, as the overview and the wall screen show them. */
export const FiguresFragment = graphql(`
  fragment DashFigures on Figures {
    subjects
    byStage {
      stage
      label
      count
    }
    milestones {
      milestone
      label
      reached
    }
    onTime
    overdue
    objections
    reviews {
      total
      sentBackByCheck
      byMode {
        mode
        label
        count
      }
    }
    grades {
      grade
      label
      count
    }
    redoOrders {
      total
      byCheck
      byAdmin
      byInspection
    }
    satisfaction {
      category
      label
      withheld
      responses
      satisfied
      basicallySatisfied
      unsatisfied
      rate
    }
    rectifications {
      total
      open
      overdue
      listed
      verified
      rate
    }
  }
`);

export const DashboardQuery = graphql(`
  query DashOverview($campaignId: String!, $orgPath: String) {
    dashboard(campaignId: $campaignId, orgPath: $orgPath) {
      orgPath
      unitName
      asOf
      figures {
        ...DashFigures
      }
    }
    milestoneNotices(campaignId: $campaignId, orgPath: $orgPath) {
      id
      milestone
      node
      nodeAt
      due
      missed
      reachedRate
    }
  }
`);

export const RankingQuery = graphql(`
  query DashRanking($campaignId: String!, $orgPath: String) {
    ranking(campaignId: $campaignId, orgPath: $orgPath) {
      formula
      asOf
      units {
        rank
        orgPath
        unitName
        score
        progress
        rectification
        onTime
        reviewQuality
        figures {
          subjects
          onTime
          overdue
          reviews {
            total
          }
          redoOrders {
            total
          }
          rectifications {
            total
            open
            overdue
            verified
            rate
          }
          satisfaction {
            category
            withheld
            rate
          }
        }
      }
    }
  }
`);

export const TrendQuery = graphql(`
  query DashTrend($campaignId: String!, $orgPath: String) {
    trend(campaignId: $campaignId, orgPath: $orgPath) {
      day
      reviews
      rectificationsOpened
      rectificationsVerified
      closed
      reviewsToDate
      rectificationsOpenedToDate
      rectificationsVerifiedToDate
      closedToDate
    }
  }
`);

export const UnitNameQuery = graphql(`
  query DashUnitName($code: String!) {
    unit(code: $code) {
      name
      path
    }
  }
`);

export const CampaignsQuery = graphql(`
  query DashCampaigns {
    campaigns {
      id
      name
      year
      scopePath
      statusLabel
    }
  }
`);

export const FigureListQuery = graphql(`
  query DashFigureList($filter: CommitmentFilterInput, $first: Int!, $after: String) {
    commitments(filter: $filter, first: $first, after: $after) {
      items {
        id
        subjectName
        orgPath
        stageLabel
        stageDeadline
        grade
        reviewerName
      }
      nextCursor
    }
  }
`);

export const OverdueListQuery = graphql(`
  query DashOverdueList($campaignId: String!, $orgPath: String, $offset: Int!, $limit: Int!) {
    overdueRectifications(campaignId: $campaignId, orgPath: $orgPath, offset: $offset, limit: $limit) {
      total
      items {
        id
        commitmentId
        subjectName
        unitName
        target
        status
        listed
        deadline
        daysOverdue
        escalationLevel
      }
    }
  }
`);
