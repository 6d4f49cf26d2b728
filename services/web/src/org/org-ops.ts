import { graphql } from '../gql';

/** The fields of a unit the org pages show. */
export const UnitFields = graphql(`
  fragment OrgUnitFields on Unit {
    id
    code
    name
    path
    level
    levelLabel
    field
    fieldLabel
    status
    memberCount
    parent {
      id
      name
    }
    secretary {
      id
      name
    }
  }
`);

/** The fields of a member the org pages show and edit. */
export const MemberFields = graphql(`
  fragment OrgMemberFields on Member {
    id
    name
    gender
    idNumberMasked
    joinedAt
    type
    typeLabel
    cadreRank
    mobileLocation
    phone
    email
    branchId
    branch {
      id
      name
    }
  }
`);

export const UnitTree = graphql(`
  query OrgUnitTree($rootId: ID, $depth: Int!) {
    unitTree(rootId: $rootId, depth: $depth) {
      depth
      childCount
      unit {
        id
        name
        levelLabel
      }
    }
  }
`);

export const UnitDetail = graphql(`
  query OrgUnitDetail($id: ID!) {
    unit(id: $id) {
      ...OrgUnitFields
    }
  }
`);

export const Members = graphql(`
  query OrgMembers($input: MemberSearchInput!) {
    members(input: $input) {
      totalCount
      nextCursor
      items {
        ...OrgMemberFields
      }
    }
  }
`);

export const SearchUnits = graphql(`
  query OrgSearchUnits($input: UnitSearchInput) {
    searchUnits(input: $input) {
      totalCount
      items {
        ...OrgUnitFields
      }
    }
  }
`);

export const UpdateUnit = graphql(`
  mutation OrgUpdateUnit($id: ID!, $input: UpdateUnitInput!) {
    updateUnit(id: $id, input: $input) {
      ...OrgUnitFields
    }
  }
`);

export const UpdateMember = graphql(`
  mutation OrgUpdateMember($id: ID!, $input: UpdateMemberInput!) {
    updateMember(id: $id, input: $input) {
      ...OrgMemberFields
    }
  }
`);

export const TransferMember = graphql(`
  mutation OrgTransferMember($id: ID!, $toBranchId: ID!, $reason: String!) {
    transferMember(id: $id, toBranchId: $toBranchId, reason: $reason) {
      id
      branch {
        id
        name
      }
    }
  }
`);

export const ImportTemplate = graphql(`
  query OrgImportTemplate($input: TemplateInput!) {
    orgImportTemplate(input: $input) {
      fileName
      contentType
      contentBase64
    }
  }
`);

export const StartImport = graphql(`
  mutation StartOrgImport($input: StartImportInput!) {
    startOrgImport(input: $input) {
      id
    }
  }
`);

export const ImportJob = graphql(`
  query OrgImportJob($id: ID!) {
    orgImportJob(id: $id) {
      id
      kind
      dryRun
      status
      fileName
      totalRows
      processedRows
      percent
      inserted
      updated
      unchanged
      errorCount
      errors {
        row
        column
        message
      }
      message
    }
  }
`);
