/** Uploads are processed in the background, one job per upload (job id = upload id). */
export const INVOICE_UPLOADS_QUEUE = "invoice-uploads";
export const UPLOAD_PROCESS_JOB = "upload.process";
export interface UploadProcessData {
  uploadId: string;
}
/** A job that keeps failing (database down) leaves the upload `failed` after these attempts. */
export const UPLOAD_JOB_ATTEMPTS = 5;
