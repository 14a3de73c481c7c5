import type { GuaranteeView } from "./dto/guarantee.dto.js";
import type { Guarantee } from "./guarantee.entity.js";

export function guaranteeView(guarantee: Guarantee): GuaranteeView {
  return {
    id: guarantee.id,
    guaranteeId: guarantee.guaranteeId,
    financingRequestId: guarantee.financingRequestId,
    financingId: guarantee.financingId,
    guarantorOrganisationId: guarantee.guarantorOrganisationId,
    guarantorAddress: guarantee.guarantorAddress,
    bankOrganisationId: guarantee.bankOrganisationId,
    beneficiaryAddress: guarantee.beneficiaryAddress,
    coveredAmount: guarantee.coveredAmount,
    fee: guarantee.fee,
    status: guarantee.status,
    subrogatedPartId: guarantee.subrogatedPartId,
    errorCode: guarantee.errorCode,
    errorMessage: guarantee.errorMessage,
    createdAt: guarantee.createdAt.toISOString(),
  };
}
