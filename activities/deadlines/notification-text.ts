import type { Step } from '../../generated/prisma/client';
import type { FirePoint, Recipient } from '../../domain/deadlines/deadline-types';
import type { HandoverAgency } from '../../workflows/deadlines/contract';
import { dateColumnToIso } from '../../domain/time/legal-date';
import { explanationOf } from './step-record';

/**
 * What an official reads, in Vietnamese with English below. Only the case reference, never a
 * person's name: notifications travel by e-mail and webhook, outside the system's access control.
 */
export interface NotificationText {
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
}

const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function notificationText(step: Step, point: FirePoint): NotificationText {
  const due = dateColumnToIso(step.dueDate);
  const explanation = explanationOf(step);
  const owner = point.kind === 'REMINDER' ? point.recipient : undefined;
  switch (point.kind) {
    case 'REMINDER':
      return {
        titleVi: `Nhắc hạn: ${step.titleVi} (hồ sơ ${step.caseRef}), hạn ${vn(due)}`,
        titleEn: `Reminder: ${step.titleEn} (case ${step.caseRef}), due ${due}`,
        bodyVi: `${owner?.agencyNameVi ?? ''} cần hoàn thành bước "${step.titleVi}" của hồ sơ ${step.caseRef} trước hết ngày ${vn(due)}.\n${explanation.summaryVi}`,
        bodyEn: `${owner?.agencyNameEn ?? ''} must complete "${step.titleEn}" for case ${step.caseRef} by the end of ${due}.\n${explanation.summaryEn}`,
      };
    case 'ESCALATION':
      return {
        titleVi: `Quá hạn (cấp ${point.rung}): ${step.titleVi} (hồ sơ ${step.caseRef})`,
        titleEn: `Overdue (rung ${point.rung}): ${step.titleEn} (case ${step.caseRef})`,
        bodyVi: `Bước "${step.titleVi}" của hồ sơ ${step.caseRef} chưa hoàn thành, hạn ${vn(due)}. Đề nghị đôn đốc đơn vị chủ trì.\n${explanation.summaryVi}`,
        bodyEn: `"${step.titleEn}" for case ${step.caseRef} was due on ${due} and is not done. Please follow up with the owner.\n${explanation.summaryEn}`,
      };
    case 'STATUTORY_LIMIT': {
      const limit = step.statutoryDueDate ? dateColumnToIso(step.statutoryDueDate) : due;
      return {
        titleVi: `Hồ sơ ${step.caseRef} đã quá tổng thời hạn của thủ tục (${vn(limit)})`,
        titleEn: `Case ${step.caseRef} is past the procedure's statutory limit (${limit})`,
        bodyVi: `Thủ tục của hồ sơ ${step.caseRef} đã vượt tổng thời hạn ${vn(limit)}; bước đang mở: "${step.titleVi}".`,
        bodyEn: `The procedure for case ${step.caseRef} passed its statutory limit on ${limit}; open step: "${step.titleEn}".`,
      };
    }
  }
}

/** A step handed to the caller's agency because its case moved to their commune (no reason given: it may name the person). */
export function handoverText(step: Step, move: { from: Recipient; to: HandoverAgency; on: string }): NotificationText {
  const due = dateColumnToIso(step.dueDate);
  return {
    titleVi: `Tiếp nhận hồ sơ chuyển đến: ${step.titleVi} (hồ sơ ${step.caseRef}), hạn ${vn(due)}`,
    titleEn: `Case moved to you: ${step.titleEn} (case ${step.caseRef}), due ${due}`,
    bodyVi: `Hồ sơ ${step.caseRef} được chuyển sang địa bàn của ${move.to.agencyNameVi} từ ngày ${vn(move.on)}. Bước "${step.titleVi}" trước do ${move.from.agencyNameVi} phụ trách, nay do ${move.to.agencyNameVi} thực hiện; hạn giữ nguyên: hết ngày ${vn(due)}.`,
    bodyEn: `Case ${step.caseRef} moved to ${move.to.agencyNameEn}'s area on ${move.on}. "${step.titleEn}", held by ${move.from.agencyNameEn} until now, is yours; its due date stays the end of ${due}.`,
  };
}
