import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditRecorded, ErrorCode, FileRefusal, type AuditEntry, type Identity } from '@pingyi/contracts';
import { auditInsertSql, auditRowValues } from '@pingyi/nest';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import {
  FILE_FORBIDDEN,
  FILE_NOT_FOUND,
  evidenceAccess,
  placeSql,
  type EvidencePlace,
} from './evidence-access';
import { EVIDENCE_KINDS, classify, displayName, type EvidenceKind } from './evidence-types';

/** Stored in chunks of 1 MiB: a download streams one chunk at a time. */
export const CHUNK_BYTES = 1024 * 1024;
/** Files one person may keep on one commitment (its progress reports and rectifications together). */
export const FILES_PER_PERSON = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StoredFile {
  id: string;
  commitmentId: string;
  rectificationId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface FileForDownload extends EvidencePlace {
  uploader_id: string;
  filename: string;
  content_type: string;
  kind: EvidenceKind;
  size: number;
  chunks: number;
  sha256: string;
}

/** Evidence files in PostgreSQL: written whole in one transaction with their audit entry and its outbox event. */
@Injectable()
export class EvidenceStore {
  constructor(private readonly em: EntityManager) {}

  private async place(by: 'commitment' | 'rectification', id: string): Promise<EvidencePlace | null> {
    if (by === 'commitment' && !UUID.test(id)) return null;
    const [p] = await emSql(this.em.fork()).query<EvidencePlace>(placeSql(by), [id]);
    return p ?? null;
  }

  /** Checks and keeps an upload; refused uploads leave nothing behind. */
  async upload(
    who: Identity,
    target: { commitmentId?: string; rectificationId?: string },
    rawName: string | undefined,
    bytes: Buffer,
  ): Promise<StoredFile> {
    const by = target.rectificationId ? 'rectification' : 'commitment';
    const id = target.rectificationId ?? target.commitmentId;
    if (!id)
      throw new FileRefusal(
        400,
        ErrorCode.BAD_INPUT,
        '请指明佐证材料所属的承诺（commitmentId）或整改事项（rectificationId）',
      );
    const place = await this.place(by, id);
    const access = evidenceAccess(who, place);
    if (access !== 'allowed' || !place)
      throw access === 'forbidden'
        ? new FileRefusal(403, ErrorCode.FORBIDDEN, FILE_FORBIDDEN)
        : new FileRefusal(404, ErrorCode.NOT_FOUND, '未找到该承诺或整改事项，或不在您的管理范围内');
    if (bytes.length === 0) throw new FileRefusal(400, ErrorCode.BAD_INPUT, '文件为空，未保存');
    const filename = displayName(rawName);
    const c = classify(bytes, filename);
    if ('refusal' in c) throw new FileRefusal(415, ErrorCode.BAD_INPUT, c.refusal);
    const file: StoredFile = {
      id: randomUUID(),
      commitmentId: place.commitment_id,
      rectificationId: place.rectification_id,
      filename,
      contentType: EVIDENCE_KINDS[c.kind].contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    const [{ n } = { n: 0 }] = await emSql(this.em.fork()).query<{ n: number }>(
      `select count(*)::int n from commitment.evidence_file where commitment_id = $1 and uploader_id = $2`,
      [place.commitment_id, who.personId],
    );
    if (n >= FILES_PER_PERSON)
      throw new FileRefusal(
        409,
        ErrorCode.CONFLICT,
        `每人为一项承诺最多上传 ${FILES_PER_PERSON} 个佐证材料文件，未保存`,
      );
    const chunks = Math.ceil(bytes.length / CHUNK_BYTES);
    await this.em.fork().transactional(async (tx) => {
      const sql = emSql(tx);
      await sql.query(
        `insert into commitment.evidence_file
           (id, commitment_id, rectification_id, uploader_id, filename, content_type, kind, size, sha256, chunks)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          file.id,
          file.commitmentId,
          file.rectificationId,
          who.personId,
          filename,
          file.contentType,
          c.kind,
          file.size,
          file.sha256,
          chunks,
        ],
      );
      for (let i = 0; i < chunks; i++)
        await sql.query(`insert into commitment.evidence_chunk (file_id, seq, data) values ($1, $2, $3)`, [
          file.id,
          i,
          bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES),
        ]);
      const entry: AuditEntry = {
        entryId: randomUUID(),
        source: 'commitment',
        personId: who.personId,
        roles: who.roles,
        actorScope: who.orgPath,
        orgPath: place.org_path,
        operation: 'uploadEvidenceFile',
        targetKind: 'evidenceFileId',
        target: file.id,
        outcome: 'ok',
        occurredAt: new Date().toISOString(),
      };
      await sql.query(auditInsertSql('commitment'), auditRowValues(entry));
      recordEvent(tx, AuditRecorded.commitment, {
        aggregateId: entry.entryId,
        orgPath: entry.orgPath,
        payload: entry,
        eventId: stableUuid(`audit:${entry.entryId}`),
        occurredAt: new Date(entry.occurredAt),
      });
    });
    return file;
  }

  /** The file's description when `who` may read it; else NOT_FOUND (404) or FORBIDDEN (403). */
  async forDownload(who: Identity, id: string): Promise<FileForDownload> {
    const [f] = UUID.test(id)
      ? await emSql(this.em.fork()).query<FileForDownload>(placeSql('file'), [id])
      : [];
    const access = evidenceAccess(who, f ?? null, f?.uploader_id);
    if (access === 'forbidden') throw new FileRefusal(403, ErrorCode.FORBIDDEN, FILE_FORBIDDEN);
    if (access !== 'allowed' || !f) throw new FileRefusal(404, ErrorCode.NOT_FOUND, FILE_NOT_FOUND);
    return f;
  }

  /** Chunk `seq` of a file (read one at a time while streaming). */
  async chunk(id: string, seq: number): Promise<Buffer> {
    const [c] = await emSql(this.em.fork()).query<{ data: Buffer }>(
      `select data from commitment.evidence_chunk where file_id = $1 and seq = $2`,
      [id, seq],
    );
    if (!c) throw new Error(`evidence ${id}: chunk ${seq} missing`);
    return c.data;
  }
}
