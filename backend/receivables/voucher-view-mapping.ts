import type { VoucherPartNode, VoucherPartView, VoucherTermsView } from "./dto/voucher-views.dto.js";
import type { VoucherPart } from "./voucher-part.entity.js";
import type { Voucher } from "./voucher.entity.js";

export function voucherTermsView(voucher: Voucher): VoucherTermsView {
  return {
    voucherId: voucher.id,
    invoiceKey: voucher.invoiceKey,
    debtorOrganisationId: voucher.debtorOrganisationId,
    faceValue: voucher.faceValue,
    redeemed: voucher.redeemed,
    maturity: voucher.maturity.toISOString(),
    status: voucher.status,
    frozen: voucher.frozen,
    issuedTxHash: voucher.issuedTxHash,
    issuedAt: voucher.issuedAt.toISOString(),
  };
}

export function voucherPartView(part: VoucherPart): VoucherPartView {
  return {
    partId: part.id,
    voucherId: part.voucherId,
    parentPartId: part.parentId,
    tier: part.tier,
    holderAddress: part.holderAddress,
    holderOrganisationId: part.holderOrganisationId,
    amount: part.amount,
    heldAmount: part.heldAmount,
    holdBeneficiary: part.holdBeneficiary,
    status: part.status,
    createdTxHash: part.createdTxHash,
    createdAt: part.createdAt.toISOString(),
  };
}

export function voucherPartNode(part: VoucherPart, children: VoucherPartNode[]): VoucherPartNode {
  return { ...voucherPartView(part), children };
}
