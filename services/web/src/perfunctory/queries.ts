import { graphql } from '../gql';

/**
 * A scored text as every 防走过场 view shows it. Kept one fragment deep under a list (the gateway counts fragment
 * spreads towards its depth limit of 8).
 */
export const PerfTextBriefFields = graphql(`
  fragment PerfTextBrief on PerfunctoryText {
    id
    kind
    campaignId
    commitmentId
    subjectName
    authorId
    authorName
    score
    flagged
    current
    at
    text
    sameAuthorCopies
    otherCopies
  }
`);

/** A text with its reasons. */
export const PerfTextFields = graphql(`
  fragment PerfText on PerfunctoryText {
    ...PerfTextBrief
    reasons {
      code
      message
      weight
    }
  }
`);

export const PerfDetailQuery = graphql(`
  query PerfDetail($id: String!) {
    perfunctoryText(id: $id) {
      outsideScope
      text {
        ...PerfText
      }
      similar {
        similarity
        sameAuthor
        text {
          ...PerfTextBrief
        }
      }
    }
  }
`);

export const PerfNodeQuery = graphql(`
  query PerfNode($campaignId: String!, $orgPath: String, $offset: Int!) {
    perfunctoryAuthors(campaignId: $campaignId, orgPath: $orgPath, limit: 100) {
      total
      items {
        authorId
        authorName
        kind
        flagged
        texts
        maxScore
      }
    }
    perfunctoryTexts(campaignId: $campaignId, orgPath: $orgPath, offset: $offset, limit: 50) {
      total
      items {
        ...PerfText
        orgPath
      }
    }
  }
`);

export const MyFlagsQuery = graphql(`
  query MyPerfFlags($campaignId: String!) {
    myPerfunctoryFlags(campaignId: $campaignId) {
      ...PerfText
    }
  }
`);

export const MyCampaignsQuery = graphql(`
  query PerfCampaigns {
    campaigns {
      id
      name
      year
      status
    }
  }
`);

export const DraftCheckQuery = graphql(`
  query CheckPerfDraft($commitmentId: String!, $draft: PerfunctoryDraftInput!, $secondsSpent: Int) {
    checkPerfunctoryDraft(commitmentId: $commitmentId, draft: $draft, secondsSpent: $secondsSpent) {
      score
      flagged
      outsideScope
      reasons {
        code
        message
        weight
      }
      similar {
        similarity
        sameAuthor
        text {
          ...PerfTextBrief
        }
      }
    }
  }
`);

export const StockPhrasesQuery = graphql(`
  query StockPhrases {
    stockPhrases {
      phrase
      builtIn
      addedByName
      addedAt
    }
  }
`);

export const AddPhrase = graphql(`
  mutation AddStockPhrase($phrase: String!) {
    addStockPhrase(phrase: $phrase) {
      phrase
    }
  }
`);

export const RemovePhrase = graphql(`
  mutation RemoveStockPhrase($phrase: String!) {
    removeStockPhrase(phrase: $phrase)
  }
`);

/** 领导点评 / 自评 (the server's kinds). */
export const KIND_LABEL: Record<string, string> = { review: '领导点评', self_evaluation: '自评（回头看）' };
