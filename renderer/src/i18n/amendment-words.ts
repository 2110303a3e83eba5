/// The words of the amending instrument, the comparison view's third view, in Chinese and English
/// (merged into resources.ts).

/// Chinese.
export const amendmentWordsZh = {
  amendment: {
    mode: '修改决定',
    list: '修改决定的条目',
    style: '文本形式',
    decision: '决定',
    amendment: '修正案',
    copy: '复制全文',
    copied: '已复制全文。',
    copyFailed: '无法复制：{{detail}}',
    exportDocx: '导出修改决定（DOCX）',
    failed: '无法起草修改决定：{{detail}}',
    none: '两个版本之间没有需要写入修改决定的修改。',
    showRow: '对照表',
    showRowLabel: '在对照表中查看第{{number}}项所作的修改',
    instruction: '第{{number}}项',
    showInstructionLabel: '查看修改决定第{{number}}项',
  },
};

/// English.
export const amendmentWordsEn = {
  amendment: {
    mode: 'Instrument',
    list: 'Instructions of the instrument',
    style: 'Form',
    decision: 'Decision',
    amendment: 'Amendment',
    copy: 'Copy as text',
    copied: 'The instrument was copied.',
    copyFailed: 'Could not copy: {{detail}}',
    exportDocx: 'Export instrument (DOCX)',
    failed: 'Could not draft the instrument: {{detail}}',
    none: 'Nothing between these versions needs an amending instruction.',
    showRow: 'Table',
    showRowLabel: 'Show the change of instruction {{number}} in the comparison table',
    instruction: 'Instruction {{number}}',
    showInstructionLabel: 'Show instruction {{number}} of the instrument',
  },
};
