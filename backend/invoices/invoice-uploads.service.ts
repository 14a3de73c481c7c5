import { InjectQueue } from "@nestjs/bullmq";
import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import type { Queue } from "bullmq";
import type { Repository } from "typeorm";
import { NotFoundError } from "../common/domain-error.js";
import { type Page, pageLimit, decodeCursor, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import {
  INVOICE_UPLOADS_QUEUE,
  UPLOAD_JOB_ATTEMPTS,
  UPLOAD_PROCESS_JOB,
  type UploadProcessData,
} from "./invoice-uploads.queue.js";
import type { UploadItem } from "./upload-items.js";
import { UploadRow, type UploadRowStatus } from "./upload-row.entity.js";
import { Upload, type UploadKind } from "./upload.entity.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepting uploads (stored, then processed by a job) and reading their progress and per-row results. */
@Injectable()
export class InvoiceUploadsService {
  constructor(
    @InjectRepository(Upload) private readonly uploads: Repository<Upload>,
    @InjectRepository(UploadRow) private readonly rows: Repository<UploadRow>,
    @InjectQueue(INVOICE_UPLOADS_QUEUE) private readonly queue: Queue<UploadProcessData>,
  ) {}

  async create(caller: AuthenticatedOrganisation, kind: UploadKind, items: UploadItem[]): Promise<Upload> {
    const upload = await this.uploads.save(
      this.uploads.create({ organisationId: caller.id, kind, status: "running", totalRows: items.length, items }),
    );
    try {
      await this.queue.add(
        UPLOAD_PROCESS_JOB,
        { uploadId: upload.id },
        {
          jobId: upload.id,
          attempts: UPLOAD_JOB_ATTEMPTS,
          backoff: { type: "exponential", delay: 1000 },
          removeOnComplete: 1000,
          removeOnFail: 1000,
        },
      );
    } catch (error) {
      // Without its job the upload would say "running" for ever.
      await this.uploads.update({ id: upload.id }, { status: "failed", errorMessage: "the upload could not be queued", items: null });
      throw error;
    }
    upload.items = null;
    return upload;
  }

  /** The caller's own upload (404 for anybody else's) and a page of its processed rows. */
  async get(
    caller: AuthenticatedOrganisation,
    id: string,
    query: { limit?: number; cursor?: string; rowStatus?: UploadRowStatus },
  ): Promise<{ upload: Upload; rows: Page<UploadRow> }> {
    const upload = UUID.test(id) ? await this.uploads.findOneBy({ id, organisationId: caller.id }) : null;
    if (!upload) throw new NotFoundError("UPLOAD_NOT_FOUND", `no upload ${id} of yours`, { id });
    const limit = pageLimit(query);
    const builder = this.rows.createQueryBuilder("row").where("row.uploadId = :id", { id });
    if (query.rowStatus !== undefined) builder.andWhere("row.status = :status", { status: query.rowStatus });
    if (query.cursor !== undefined) {
      const [after] = decodeCursor(query.cursor, 1);
      builder.andWhere("row.rowNumber > :after", { after: Number(after) });
    }
    const rows = await builder.orderBy("row.rowNumber", "ASC").limit(limit + 1).getMany();
    return { upload, rows: toPage(rows, limit, (row) => [row.rowNumber]) };
  }
}
