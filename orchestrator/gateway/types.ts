// The SQL Gateway REST v1 shapes Tally uses (rowFormat=JSON).

export interface ColumnInfo {
  name: string;
  logicalType: { type: string; nullable: boolean };
}

export type RowKind = 'INSERT' | 'UPDATE_BEFORE' | 'UPDATE_AFTER' | 'DELETE';

export interface ResultRow {
  kind: RowKind;
  fields: unknown[];
}

export interface FetchResultsResponse {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  isQueryResult?: boolean;
  resultKind?: 'SUCCESS' | 'SUCCESS_WITH_CONTENT';
  jobID?: string;
  results?: { columns?: ColumnInfo[]; data?: ResultRow[] };
  nextResultUri?: string;
}

export type OperationStatus = 'INITIALIZED' | 'PENDING' | 'RUNNING' | 'FINISHED' | 'CANCELED' | 'CLOSED' | 'ERROR' | 'TIMEOUT';
