/**
 * The tabletop scenarios every team starts with, written for Firebreak. Each is a realistic
 * morning for a mid-sized organisation (the fictional Aldermoor Group), with timed injects on
 * varied channels, expected actions worth points, and automatic checks tied to the starter
 * playbooks by lineage id. Ids are fixed, so every device seeds the same rows; inject and action
 * ids follow the MSEL CSV convention ("inject-3", "inject-3-1"), so the starters round-trip
 * through CSV exactly.
 */
import type { AutoCheck, CheckableStage, ExpectedAction, Inject, InjectChannel, InjectRelease, Scenario, ScenarioDifficulty, ScenarioObjective } from './exerciseScenario';
import type { IncidentCategory } from './taxonomy';
import type { TimelineEntryKind } from './timeline';

const md = (...lines: string[]) => lines.join('\n');

/** Lineage ids of the starter playbooks the scenarios exercise (see starterPlaybooks.ts). */
export const starterPlaybookLineages = {
  ransomware: '01941f29-7c00-7000-8000-000000020001',
  phishing: '01941f29-7c00-7000-8000-000000020002',
  accountCompromise: '01941f29-7c00-7000-8000-000000020003',
  personalDataBreach: '01941f29-7c00-7000-8000-000000020004',
  denialOfService: '01941f29-7c00-7000-8000-000000020005',
  malwareOutbreak: '01941f29-7c00-7000-8000-000000020006',
  lostDevice: '01941f29-7c00-7000-8000-000000020007',
  insiderMisuse: '01941f29-7c00-7000-8000-000000020008',
  majorOutage: '01941f29-7c00-7000-8000-000000020009',
} as const;
const lineage = starterPlaybookLineages;

// Small builders keep the content readable.
const at = (minutes: number): InjectRelease => ({ kind: 'offset', minutes });
const after = (mselNumber: number, minutes: number): InjectRelease => ({ kind: 'after', injectId: `inject-${mselNumber}`, minutes });
const manual: InjectRelease = { kind: 'manual' };

const created = (category: IncidentCategory, withinMinutes: number | null = null): AutoCheck => ({ kind: 'incident_created', category, withinMinutes });
const applied = (playbookLineageId: string, withinMinutes: number | null = null): AutoCheck => ({ kind: 'playbook_applied', playbookLineageId, withinMinutes });
const contained = (withinMinutes: number | null): AutoCheck => ({ kind: 'containment_recorded', withinMinutes });
const reached = (stage: CheckableStage, withinMinutes: number | null = null): AutoCheck => ({ kind: 'stage_reached', stage, withinMinutes });
const taskDone = (titleIncludes: string, withinMinutes: number | null = null): AutoCheck => ({ kind: 'task_completed', titleIncludes, withinMinutes });
const entry = (entryKind: TimelineEntryKind, textIncludes: string | null, withinMinutes: number | null = null): AutoCheck => ({ kind: 'timeline_entry', entryKind, textIncludes, withinMinutes });

type ActionSpec = { description: string; points: number; objectiveId: string | null; check: AutoCheck | null };
const act = (description: string, points: number, objectiveId: string | null, check: AutoCheck | null = null): ActionSpec => ({ description, points, objectiveId, check });

type InjectSpec = {
  release: InjectRelease;
  channel: InjectChannel;
  from: string;
  to: string;
  title: string;
  content: string;
  actions: ActionSpec[];
  notes: string;
};

function injects(specs: InjectSpec[]): Inject[] {
  return specs.map((spec, index) => {
    const id = `inject-${index + 1}`;
    const expectedActions: ExpectedAction[] = spec.actions.map((action, actionIndex) => ({ id: `${id}-${actionIndex + 1}`, ...action }));
    return {
      id,
      mselNumber: index + 1,
      release: spec.release,
      channel: spec.channel,
      fromPersona: spec.from,
      toAudience: spec.to,
      title: spec.title,
      content: spec.content,
      expectedActions,
      facilitatorNotes: spec.notes,
    };
  });
}

type ScenarioSpec = {
  title: string;
  audience: string;
  difficulty: ScenarioDifficulty;
  durationMinutes: number;
  narrative: string;
  objectives: ScenarioObjective[];
  playbooks: string[];
  injects: InjectSpec[];
};

function starter(number: number, spec: ScenarioSpec): Scenario {
  const suffix = number.toString(16).padStart(4, '0');
  return {
    id: `01941f29-7c00-7000-8000-00000003${suffix}`,
    lineageId: `01941f29-7c00-7000-8000-00000004${suffix}`,
    version: 1,
    title: spec.title,
    objectives: spec.objectives,
    audience: spec.audience,
    difficulty: spec.difficulty,
    durationMinutes: spec.durationMinutes,
    narrative: spec.narrative,
    linkedPlaybookLineageIds: spec.playbooks,
    injects: injects(spec.injects),
  };
}

const ransomwareFileServer = starter(1, {
  title: 'Ransomware on the finance file server',
  audience: 'Service desk, security operations, IT infrastructure, the incident manager and a member of the executive team',
  difficulty: 'intermediate',
  durationMinutes: 120,
  narrative: md(
    'It is 08:40 on the last working day of the month at Aldermoor Group, a 1,200-person logistics company.',
    'Finance is closing the month. The finance file server **FILESRV02** holds the shared S: drive used by finance and HR.',
    'Backups run nightly to an on-site backup server with a weekly immutable copy in the cloud.',
  ),
  objectives: [
    { id: 'detect', text: 'Recognise ransomware, open the incident and scope the affected hosts and accounts' },
    { id: 'contain', text: 'Contain the spread within 30 minutes of confirming it, without destroying evidence' },
    { id: 'recover', text: 'Protect the backups and choose a safe recovery path' },
    { id: 'communicate', text: 'Keep staff, leadership, the insurer and the press handled with one voice' },
  ],
  playbooks: [lineage.ransomware, lineage.personalDataBreach],
  injects: [
    {
      release: at(0),
      channel: 'ticket',
      from: 'Jo Reyes, service desk',
      to: 'Incident manager',
      title: 'Files on the S: drive will not open',
      content: md(
        'Fourteen finance users have called in ten minutes. Spreadsheets on S:\\Finance show as `.lockd` files and will not open.',
        'Every folder now contains a file called `README_RESTORE.txt`.',
      ),
      actions: [
        act('Open an exercise incident with category Ransomware', 5, 'detect', created('ransomware', 15)),
        act('Apply the Ransomware playbook', 10, 'detect', applied(lineage.ransomware, 20)),
      ],
      notes: 'If players start by restoring files, ask what would happen to the backups if the attacker still has access.',
    },
    {
      release: at(10),
      channel: 'siem_alert',
      from: 'EDR console',
      to: 'Security operations',
      title: 'Mass file renames on FILESRV02',
      content: md(
        '**High severity**: 38,214 files renamed in 9 minutes on FILESRV02 over SMB.',
        'Source host: `WS-FIN-114`. Account: `svc_backup` (domain administrator rights).',
      ),
      actions: [
        act('Isolate WS-FIN-114 and FILESRV02 from the network without powering them off', 10, 'contain', taskDone('Isolate affected hosts', 30)),
        act('Record containment in the incident within 30 minutes', 10, 'contain', contained(30)),
        act('Disable the svc_backup account and reset its password', 5, 'contain'),
      ],
      notes: 'Powering off destroys memory evidence. A service account with domain admin rights means the attacker may already hold the domain.',
    },
    {
      release: after(2, 5),
      channel: 'chat',
      from: 'Priya Nair, head of finance',
      to: 'Incident manager',
      title: 'Month-end close is today',
      content: 'We close the month at 17:00 and the auditors arrive Monday. Can my team keep working from local copies? When will S: be back?',
      actions: [act('Give a holding answer that promises no restore time and asks finance to stop copying files', 5, 'communicate')],
      notes: 'Local copies on infected laptops can spread the encryption. Look for a clear "not yet" with the next update time.',
    },
    {
      release: at(30),
      channel: 'email',
      from: 'Marek Dvorak, backup administrator',
      to: 'Incident team',
      title: 'Backup jobs failed overnight',
      content: md(
        'Last night the FILESRV02 backup job failed with "access denied".',
        'The backup console shows a sign-in by `svc_backup` at 02:14 and two backup sets deleted.',
      ),
      actions: [
        act('Take the backup server off the network or lock down its administration', 10, 'recover', taskDone('Protect the backups', 20)),
        act('Confirm whether the weekly immutable cloud copy is intact', 5, 'recover'),
      ],
      notes: 'The attacker was in at 02:14: the dwell time is at least six hours. Ask what else may have happened since.',
    },
    {
      release: at(45),
      channel: 'document',
      from: 'The attackers (ransom note)',
      to: 'Incident team',
      title: 'Ransom note with a leak threat',
      content: md(
        '"Your network is encrypted by LOCKD. We copied 230 GB from FINANCE and HR.',
        'Pay 40 BTC within 72 hours or everything is published on our blog. Do not contact the police."',
      ),
      actions: [
        act('Preserve the ransom note and record it as evidence', 5, 'detect'),
        act('Start the personal-data breach assessment by applying its playbook', 10, 'communicate', applied(lineage.personalDataBreach, 30)),
      ],
      notes: 'HR data means personal data: the GDPR 72-hour clock may be running from awareness of the theft claim.',
    },
    {
      release: at(55),
      channel: 'phone_call',
      from: 'Sam Whitley, Regional Business Daily',
      to: 'Communications lead',
      title: 'A journalist asks about a cyber attack',
      content: 'A reader says Aldermoor staff were sent home because of a hack. Can you confirm? We publish at noon.',
      actions: [act('Answer with the agreed holding statement and log the call', 5, 'communicate', entry('communication', null, 20))],
      notes: 'Players should not confirm details or deny an incident. Anyone not the communications lead should pass the call on.',
    },
    {
      release: manual,
      channel: 'verbal',
      from: 'Facilitator, as the chief executive',
      to: 'Executive team',
      title: 'Should we pay?',
      content: 'The chief executive asks for a decision on the ransom before lunch: "Just tell me what it costs to make this go away."',
      actions: [act('Take the ransom decision with counsel and record the options and the rationale', 10, 'recover')],
      notes: 'Release when players first mention payment, or at about +01:05. Sanctions checks, insurer consent and law enforcement belong in the discussion.',
    },
    {
      release: at(70),
      channel: 'email',
      from: 'Carla Benn, insurance broker',
      to: 'Incident manager',
      title: 'The insurer needs notice',
      content: 'Your cyber policy requires notice within 24 hours and the use of panel responders. Please send the incident summary and confirm no one has engaged a negotiator.',
      actions: [act('Notify the insurer and record the claim reference', 5, 'communicate')],
      notes: 'Hiring your own forensic firm before the insurer agrees can void cover.',
    },
    {
      release: at(85),
      channel: 'siem_alert',
      from: 'EDR console',
      to: 'Security operations',
      title: 'New beacon from an HR laptop',
      content: '`HR-LT-07` is contacting `cdn-update-check[.]net` every 60 seconds, the same domain seen on WS-FIN-114.',
      actions: [act('Isolate HR-LT-07 and widen the hunt for the beacon domain', 10, 'contain')],
      notes: 'Tests whether players kept hunting after the first containment.',
    },
    {
      release: at(100),
      channel: 'ticket',
      from: 'Marek Dvorak, backup administrator',
      to: 'Incident team',
      title: 'A clean restore point exists',
      content: 'The immutable cloud copy from Sunday 22:00 is intact and scans clean. A full restore of FILESRV02 takes about 9 hours.',
      actions: [act('Plan the restore into an isolated network before reconnecting anything', 10, 'recover')],
      notes: 'Look for: reset credentials first, restore to a clean build, reconnect in stages.',
    },
    {
      release: after(10, 10),
      channel: 'chat',
      from: 'Hugh Marlow, chief executive',
      to: 'Incident manager',
      title: 'When are we back?',
      content: 'I have the chair on the phone. What do I tell her about when finance is back and whether customer data is out?',
      actions: [act('Brief the chief executive with a staged recovery plan, the data risk and the next update time', 5, 'communicate')],
      notes: 'Close the exercise after this inject and move to the hot wash.',
    },
  ],
});

const businessEmailCompromise = starter(2, {
  title: 'Business email compromise of the finance director',
  audience: 'Security operations, finance and accounts payable, the service desk and the data protection officer',
  difficulty: 'introductory',
  durationMinutes: 100,
  narrative: md(
    "Aldermoor Group pays about 400 supplier invoices a week. The finance director, Ruth Adeyemi, approves payments over £50,000 from her mailbox.",
    'Multi-factor authentication uses push approvals on staff phones.',
  ),
  objectives: [
    { id: 'detect', text: 'Recognise a compromised mailbox from a fraud report' },
    { id: 'contain', text: "Lock the intruder out of the account within 30 minutes and remove what they left" },
    { id: 'payment', text: 'Try to recover the fraudulent payment and stop any others' },
    { id: 'notify', text: 'Warn the people who received the fraudulent mail and assess the personal-data risk' },
  ],
  playbooks: [lineage.accountCompromise, lineage.phishing, lineage.personalDataBreach],
  injects: [
    {
      release: at(0),
      channel: 'phone_call',
      from: 'Tomas Greene, accounts payable',
      to: 'Service desk',
      title: 'A supplier asks about our new bank details',
      content: 'Brightline Freight just rang. They want to know why Ruth emailed them asking to pay our refund into a new bank account. We never sent that.',
      actions: [act('Open an exercise incident with category Account compromise', 5, 'detect', created('account_compromise', 15))],
      notes: 'The service desk may treat it as a one-off phishing report. Push for the question: did the mail really come from our tenant?',
    },
    {
      release: at(8),
      channel: 'email',
      from: "Ruth Adeyemi's mailbox (forwarded by Brightline)",
      to: 'Security operations',
      title: 'Invoice 88213: updated remittance details',
      content: md(
        'From: Ruth Adeyemi <r.adeyemi@aldermoor.example>',
        '',
        '"Please note our bank details have changed following an audit. Use the account below for all payments from today. Kind regards, Ruth"',
        '',
        'The headers show the message left our own mail servers, authenticated as Ruth.',
      ),
      actions: [
        act('Apply the Account compromise playbook', 10, 'detect', applied(lineage.accountCompromise, 20)),
        act('Record the message headers and the fraudulent bank account as indicators', 5, 'detect'),
      ],
      notes: 'SPF, DKIM and DMARC pass: this is not spoofing, it is her real account.',
    },
    {
      release: at(15),
      channel: 'siem_alert',
      from: 'Identity provider',
      to: 'Security operations',
      title: 'Impossible travel for the finance director',
      content: 'Sign-ins for r.adeyemi from Leeds (08:02) and Lagos (08:06). Five MFA pushes at 07:58; the fifth was approved.',
      actions: [
        act("Reset the password and revoke every session", 10, 'contain', taskDone('Reset the password and revoke every session', 20)),
        act('Record containment in the incident within 30 minutes', 10, 'contain', contained(30)),
      ],
      notes: 'MFA fatigue. Resetting the password alone leaves the attacker signed in: watch for session revocation.',
    },
    {
      release: at(25),
      channel: 'document',
      from: 'Mail administrator',
      to: 'Security operations',
      title: 'A hidden inbox rule',
      content: 'Rule "." moves any mail containing *invoice*, *payment* or *bank* to the RSS Feeds folder and forwards a copy to `ruth.adeyemi.fin@gmail.example`.',
      actions: [act('Remove the rule and the forwarding and check for app consents', 5, 'contain', taskDone('Remove what the intruder left'))],
      notes: 'Attackers hide replies from the real owner this way. Ask how many messages were forwarded.',
    },
    {
      release: at(35),
      channel: 'email',
      from: 'Ana Lindqvist, treasury',
      to: 'Finance director',
      title: 'A large payment went to the new account',
      content: 'Yesterday at 15:20 we paid £184,300 to the "updated" Brightline account after Ruth approved it by email. Shall I stop the remaining payment run?',
      actions: [
        act("Call the bank's fraud line to recall the payment", 15, 'payment'),
        act('Hold payment runs until bank details changed this month are verified by phone', 10, 'payment'),
      ],
      notes: 'Speed matters: recalls succeed far more often within hours of the transfer.',
    },
    {
      release: after(5, 10),
      channel: 'phone_call',
      from: 'Fraud team, Aldermoor\'s bank',
      to: 'Finance director',
      title: 'The bank needs a police reference',
      content: 'We have frozen what remains in the receiving account, about £121,000. To go further we need a police crime reference today.',
      actions: [act('Report the fraud to the police and record the reference in the incident', 5, 'payment')],
      notes: 'In the UK that is Action Fraud. The reference also helps the insurer.',
    },
    {
      release: at(55),
      channel: 'email',
      from: 'Three suppliers',
      to: 'Service desk',
      title: 'More suppliers received the same email',
      content: 'Northgate Packaging, Selby Tyres and Fenwick Fuels have replied to the "new bank details" email. The sent items show it went to 42 external contacts.',
      actions: [act('Warn everyone who received the fraudulent messages', 10, 'notify', taskDone('Warn the people who received', 30))],
      notes: 'A single email to all 42 from a trusted contact, with a phone number to verify, is the expected answer.',
    },
    {
      release: at(65),
      channel: 'chat',
      from: 'Imran Shah, data protection officer',
      to: 'Incident manager',
      title: 'The mailbox held payroll queries',
      content: "Ruth's mailbox has two years of payroll escalations: names, salaries, some sick-leave notes. The intruder could read it all for at least a day.",
      actions: [act('Apply the Personal-data breach playbook', 10, 'notify', applied(lineage.personalDataBreach, 30))],
      notes: 'Health data raises the risk. The 72-hour clock runs from awareness of the breach.',
    },
    {
      release: manual,
      channel: 'verbal',
      from: 'Facilitator, as the finance director',
      to: 'Incident manager',
      title: 'I only approved it to make the alerts stop',
      content: 'Ruth admits she approved a push just to stop her phone buzzing. She asks whether everyone should get number matching.',
      actions: [act('Decide on MFA number matching or phishing-resistant MFA and record the decision', 5, 'contain')],
      notes: 'Release when players reach the root cause, or at about +01:15.',
    },
    {
      release: at(85),
      channel: 'news',
      from: 'Brightline Freight on LinkedIn',
      to: 'Communications lead',
      title: 'A supplier warns the world',
      content: '"Beware of emails from Aldermoor Group asking to change bank details. We nearly paid a fraudster." 230 reactions and rising.',
      actions: [act('Agree a short public statement with Brightline and log it', 5, 'notify', entry('communication', null, 20))],
      notes: 'End after this inject and start the hot wash.',
    },
  ],
});

const cloudCredentialLeak = starter(3, {
  title: 'Cloud access key leaked in a public repository',
  audience: 'Cloud platform team, security operations, developers and the data protection officer',
  difficulty: 'advanced',
  durationMinutes: 110,
  narrative: md(
    'Aldermoor runs its customer portal and data exports on a public cloud account managed by a four-person platform team.',
    'Developers use long-lived access keys for a few build scripts. The account has a monthly budget of about $9,000.',
  ),
  objectives: [
    { id: 'revoke', text: 'Revoke the leaked key within 15 minutes of learning of it' },
    { id: 'scope', text: 'Establish everything the key was used for, in every region' },
    { id: 'data', text: 'Assess whether customer data was read and meet notification duties' },
    { id: 'improve', text: 'Agree changes that remove long-lived keys' },
  ],
  playbooks: [lineage.accountCompromise, lineage.personalDataBreach],
  injects: [
    {
      release: at(0),
      channel: 'email',
      from: 'Cloud provider trust and safety',
      to: 'Security mailbox',
      title: 'Your access key is publicly exposed',
      content: 'We found access key `AKIA…XQ7F` belonging to your account in a public code repository. Rotate it immediately and review your account for unauthorised activity.',
      actions: [
        act('Open an exercise incident with category Account compromise', 5, 'revoke', created('account_compromise', 10)),
        act('Apply the Account compromise playbook', 10, 'scope', applied(lineage.accountCompromise, 20)),
      ],
      notes: 'Ask who owns the key. The answer arrives with the next inject.',
    },
    {
      release: at(5),
      channel: 'chat',
      from: 'Leo Martins, developer',
      to: 'Security operations',
      title: 'I think it was my .env file',
      content: "I pushed a `.env` to the public repo `invoice-tools` about three hours ago by mistake. I deleted the commit straight away, so it should be fine?",
      actions: [
        act('Deactivate the key and record containment within 15 minutes', 15, 'revoke', contained(15)),
        act('Explain that deleting the commit does not remove the key from forks, caches or scrapers', 5, 'revoke'),
      ],
      notes: 'Keys pushed to public repositories are typically scraped within minutes.',
    },
    {
      release: at(15),
      channel: 'siem_alert',
      from: 'Cloud audit log',
      to: 'Cloud platform team',
      title: 'GPU instances launched in regions we never use',
      content: '24 GPU instances started in Paris and Mumbai with the leaked key from 185.220.101.x, all tagged `ml-batch`.',
      actions: [act('Terminate the instances and check every region, not just the usual ones', 10, 'scope')],
      notes: 'Cryptomining is the usual first use of a leaked key. Regions nobody watches are chosen on purpose.',
    },
    {
      release: at(25),
      channel: 'ticket',
      from: 'FinOps',
      to: 'Cloud platform team',
      title: 'Billing forecast jumps to $61,000',
      content: 'Our billing alert fired: the month is now forecast at $61,000 against a $9,000 budget.',
      actions: [act('Open a case with the cloud provider about the fraudulent charges', 5, 'scope')],
      notes: 'Providers often credit fraud charges when the customer acts fast and documents it.',
    },
    {
      release: at(35),
      channel: 'siem_alert',
      from: 'Cloud audit log',
      to: 'Security operations',
      title: 'Customer export bucket read',
      content: 'The same source listed all buckets, then made 11,204 GetObject calls on `aldermoor-customer-exports` between 06:10 and 06:40.',
      actions: [
        act('Establish which objects were read and what data they hold', 10, 'data'),
        act('Apply the Personal-data breach playbook', 10, 'data', applied(lineage.personalDataBreach, 30)),
      ],
      notes: 'If object-level logging were off this would be unknowable: a good hot-wash topic.',
    },
    {
      release: after(5, 10),
      channel: 'chat',
      from: 'Imran Shah, data protection officer',
      to: 'Incident manager',
      title: 'Is this a reportable breach?',
      content: 'The exports hold names, email addresses and delivery addresses of about 80,000 customers. When did we become aware, and who decides on reporting?',
      actions: [act('Record the moment of awareness and who decides on notifying the supervisory authority', 10, 'data')],
      notes: 'Awareness is when we had reasonable certainty personal data was accessed: here, the audit log at +00:35.',
    },
    {
      release: at(55),
      channel: 'siem_alert',
      from: 'Identity and access management',
      to: 'Cloud platform team',
      title: 'A new administrator user appeared',
      content: 'User `support-backup` was created with AdministratorAccess by the leaked key at 06:02, with its own access key.',
      actions: [act('Remove the persistence user and review every identity change since the leak', 10, 'scope', taskDone('Remove what the intruder left', 20))],
      notes: 'Deactivating the first key does not help if a second identity exists. This is the key learning point.',
    },
    {
      release: manual,
      channel: 'email',
      from: 'An anonymous "security researcher"',
      to: 'Security mailbox',
      title: 'Your data is on a paste site',
      content: 'I found a sample of your customer export on a paste site. I can get it removed and tell you how they got in, for a bug bounty of $5,000.',
      actions: [act('Do not pay or negotiate; involve legal and preserve the message', 5, 'data')],
      notes: 'Release if players move too quickly to closure, or at about +01:05.',
    },
    {
      release: at(75),
      channel: 'document',
      from: 'Platform team lead',
      to: 'Incident team',
      title: 'Proposal to remove long-lived keys',
      content: md(
        '1. Build pipelines move to short-lived federated credentials.',
        '2. Push protection for secrets turned on for every repository.',
        '3. Billing anomaly alerts page the on-call engineer.',
      ),
      actions: [act('Turn the proposal into corrective actions with owners and due dates', 5, 'improve')],
      notes: 'A good answer gives each item an owner and a date, not just agreement.',
    },
    {
      release: at(90),
      channel: 'verbal',
      from: 'Chief technology officer',
      to: 'Incident manager',
      title: 'Can we close this today?',
      content: 'The CTO wants the incident closed before the weekly report goes out.',
      actions: [act('Resolve only once the key, the instances and the extra user are all gone', 5, 'improve', reached('resolved'))],
      notes: 'Watch for resolving while the breach assessment is still open.',
    },
  ],
});

const ddosCustomerPortal = starter(4, {
  title: 'DDoS attack on the customer portal',
  audience: 'On-call engineers, network team, customer service, communications and the incident manager',
  difficulty: 'intermediate',
  durationMinutes: 100,
  narrative: md(
    'Aldermoor customers book collections and pay invoices on the customer portal, about 3,000 sessions an hour on a weekday.',
    'The portal sits behind a 10 Gbit/s internet link and a web application firewall. A DDoS-protection service is contracted but has never been switched on.',
  ),
  objectives: [
    { id: 'confirm', text: 'Confirm an attack quickly and record the business impact' },
    { id: 'mitigate', text: 'Restore the portal with upstream filtering within 45 minutes' },
    { id: 'communicate', text: 'Keep customers and stakeholders updated on a schedule' },
    { id: 'investigate', text: 'Check the attack was not cover for an intrusion' },
  ],
  playbooks: [lineage.denialOfService, lineage.majorOutage],
  injects: [
    {
      release: at(0),
      channel: 'siem_alert',
      from: 'Uptime monitoring',
      to: 'On-call engineer',
      title: 'Portal errors and timeouts',
      content: 'portal.aldermoor.example: 64% of requests fail with 5xx, 95th percentile response time 18 s, from all test locations.',
      actions: [act('Open an exercise incident with category Denial of service', 5, 'confirm', created('denial_of_service', 10))],
      notes: 'Players may suspect the morning release. Let them check; the next inject points elsewhere.',
    },
    {
      release: at(5),
      channel: 'chat',
      from: 'Dev Patel, network engineer',
      to: 'On-call engineer',
      title: 'The internet link is saturated',
      content: 'Inbound traffic is 38 Gbit/s against our 10 Gbit/s link, mostly UDP on port 443 from about 40,000 addresses. Nothing was deployed this morning.',
      actions: [
        act('Apply the Denial of service playbook', 10, 'confirm', applied(lineage.denialOfService, 15)),
        act('Confirm it is an attack and not a surge of real users', 5, 'confirm', taskDone('Confirm it is an attack', 20)),
      ],
      notes: 'No amount of local filtering helps once the link itself is full: the fix is upstream.',
    },
    {
      release: at(12),
      channel: 'phone_call',
      from: 'Grace Holt, customer service lead',
      to: 'Incident manager',
      title: 'Customers cannot book or pay',
      content: '240 callers are waiting. Customers cannot book collections, and two key accounts say they will miss today\'s shipping cut-off.',
      actions: [
        act('Record the business impact in the incident', 5, 'confirm'),
        act('Publish the first status update within 20 minutes', 10, 'communicate', entry('communication', null, 20)),
      ],
      notes: 'A phone booking fallback for key accounts is a good workaround to suggest.',
    },
    {
      release: at(20),
      channel: 'email',
      from: 'ScrubNet DDoS protection',
      to: 'Network team',
      title: 'Emergency onboarding needs a DNS change',
      content: 'We can filter your traffic within about 20 minutes of you pointing the portal DNS at us, or 45 minutes for a route announcement. Who can authorise the change?',
      actions: [act('Get upstream filtering started and record who authorised it', 15, 'mitigate', taskDone('filtering upstream', 30))],
      notes: 'Find out whether anyone knows the DNS registrar login. If nobody does, that is an improvement item.',
    },
    {
      release: at(35),
      channel: 'siem_alert',
      from: 'Web application firewall',
      to: 'On-call engineer',
      title: 'The attack moves to the login page',
      content: 'The volumetric flood has dropped. Now 90,000 requests per second hit /login with random query strings from residential addresses.',
      actions: [
        act('Apply rate limits or a challenge on /login', 10, 'mitigate'),
        act('Record containment in the incident within 45 minutes of the alert', 10, 'mitigate', contained(45)),
      ],
      notes: 'Attackers adapt once filtering starts. Blocking by country would also block customers abroad.',
    },
    {
      release: at(45),
      channel: 'email',
      from: '"Crimson Hydra"',
      to: 'Info mailbox',
      title: 'An extortion demand',
      content: 'That was a demonstration. Pay 5 BTC by Friday or we will take you offline for a week.',
      actions: [act('Refuse to engage, preserve the message and report it to the police', 10, 'investigate')],
      notes: 'Extortion groups often cannot repeat the attack once filtering is in place.',
    },
    {
      release: after(6, 5),
      channel: 'news',
      from: 'Social media',
      to: 'Communications lead',
      title: '#AldermoorDown is trending locally',
      content: 'Posts claim Aldermoor has been hacked and customer data stolen. A logistics blogger asks for comment.',
      actions: [act('Update customers and stakeholders and correct the data-theft claim carefully', 5, 'communicate')],
      notes: 'Do not deny a breach outright until the intrusion check is done.',
    },
    {
      release: at(60),
      channel: 'siem_alert',
      from: 'Intrusion detection',
      to: 'Security operations',
      title: 'VPN login attempts during the flood',
      content: 'During the flood, 3 addresses tried 1,800 logins on the VPN gateway. One account, `t.bryant`, had a successful login at 09:52.',
      actions: [act('Check the attack was not cover for an intrusion', 10, 'investigate', taskDone('cover for an intrusion', 30))],
      notes: 'The successful login is the real danger. Look for an account compromise response.',
    },
    {
      release: manual,
      channel: 'verbal',
      from: 'Facilitator',
      to: 'Incident manager',
      title: 'The flood stops',
      content: 'Traffic drops back to normal. The portal has been healthy for ten minutes.',
      actions: [act('Lift emergency blocks in steps while watching for the attack to resume', 5, 'mitigate')],
      notes: 'Release once players have mitigation in place, or at about +01:15.',
    },
    {
      release: at(85),
      channel: 'ticket',
      from: 'Head of digital',
      to: 'Incident manager',
      title: 'Was our protection good enough?',
      content: 'The board will ask why a contracted DDoS service took 40 minutes to switch on. Please propose what we change.',
      actions: [act('Agree corrective actions for always-on protection and runbooks', 5, 'investigate')],
      notes: 'Close the exercise and start the hot wash.',
    },
  ],
});

const insiderExfiltration = starter(5, {
  title: 'Departing salesperson takes customer data',
  audience: 'Security operations, HR, legal counsel, the sales director and the data protection officer',
  difficulty: 'advanced',
  durationMinutes: 110,
  narrative: md(
    'Jordan Harlow, a senior account manager at Aldermoor for six years, resigned last Friday to join a competitor.',
    'The sales team exports customer lists from the CRM to a shared folder for campaigns. Data loss prevention alerts on uploads to personal cloud storage.',
  ),
  objectives: [
    { id: 'discreet', text: 'Protect the investigation: small circle, HR and legal involved before any action' },
    { id: 'evidence', text: 'Preserve evidence that would stand up in a tribunal or court' },
    { id: 'contain', text: 'Stop the data leaving within 30 minutes of learning it is ongoing' },
    { id: 'duties', text: 'Meet data-protection duties to the customers affected' },
  ],
  playbooks: [lineage.insiderMisuse, lineage.personalDataBreach],
  injects: [
    {
      release: at(0),
      channel: 'ticket',
      from: 'Data loss prevention',
      to: 'Security operations',
      title: 'Thousands of files to personal cloud storage',
      content: '3,412 files from `\\\\crm-exports\\campaigns` uploaded to a personal Dropbox account by `j.harlow` between 18:30 and 19:10 yesterday.',
      actions: [
        act('Open an exercise incident with category Insider misuse', 5, 'discreet', created('insider_misuse', 15)),
        act('Apply the Insider misuse playbook', 10, 'discreet', applied(lineage.insiderMisuse, 20)),
      ],
      notes: 'Mark the incident TLP:RED or restrict it; ask players who can see it.',
    },
    {
      release: at(10),
      channel: 'email',
      from: 'Nadia Osei, HR business partner',
      to: 'Security operations',
      title: 'He resigned on Friday',
      content: 'Jordan resigned last Friday and joins Corvid Logistics in two weeks. He is working his notice and still has full access.',
      actions: [act('Involve HR and legal counsel before acting', 10, 'discreet', taskDone('Involve HR and legal', 20))],
      notes: 'Employment law and monitoring policy decide what may be reviewed.',
    },
    {
      release: at(20),
      channel: 'chat',
      from: 'Chris Vale, sales director',
      to: 'Incident manager',
      title: 'What is going on with Jordan?',
      content: 'Someone said IT is looking at Jordan. Is he stealing clients? I am going to have it out with him this afternoon.',
      actions: [act('Ask the sales director not to confront Jordan and to keep it confidential', 10, 'discreet')],
      notes: 'A confrontation tips him off and may lead to deleted evidence.',
    },
    {
      release: at(30),
      channel: 'siem_alert',
      from: 'Web proxy',
      to: 'Security operations',
      title: 'Uploads are happening right now',
      content: '600 MB uploaded from `j.harlow` to the same Dropbox account in the last 10 minutes. Laptop: `SALES-LT-22`, in the office.',
      actions: [
        act('Decide with HR to cut access now and record the decision', 10, 'contain'),
        act('Record containment in the incident within 30 minutes', 10, 'contain', contained(30)),
      ],
      notes: 'The playbook question "Is data being taken right now?" now has the answer yes.',
    },
    {
      release: at(40),
      channel: 'document',
      from: 'IT forensics',
      to: 'Security operations',
      title: 'A USB stick too',
      content: 'The endpoint log shows a 128 GB USB stick connected to SALES-LT-22 on Tuesday for 40 minutes. File names are not logged.',
      actions: [act('Image the laptop and record chain of custody before it is reissued', 10, 'evidence')],
      notes: 'Look for evidence handled by two people, hashed and logged.',
    },
    {
      release: after(5, 10),
      channel: 'email',
      from: 'Legal counsel',
      to: 'Incident manager',
      title: 'Preservation and injunction',
      content: 'We can ask the court for an order to deliver up the data. I need a timeline of what was taken, when, and how we know it.',
      actions: [act('Give legal a factual timeline with the evidence behind each entry', 10, 'evidence')],
      notes: 'A clean incident timeline is exactly what counsel asks for.',
    },
    {
      release: at(60),
      channel: 'document',
      from: 'CRM administrator',
      to: 'Incident team',
      title: 'What was in the exports',
      content: '48,000 customer contact records: names, job titles, direct lines, personal mobile numbers for some, and contract renewal dates.',
      actions: [act('Apply the Personal-data breach playbook', 10, 'duties', applied(lineage.personalDataBreach, 30))],
      notes: 'Personal mobiles of contacts are personal data even in a business-to-business list.',
    },
    {
      release: manual,
      channel: 'phone_call',
      from: 'Jordan Harlow',
      to: 'Sales director',
      title: 'Why is my laptop locked?',
      content: 'Jordan calls the sales director: his laptop and email are locked and he has client meetings today.',
      actions: [act('Respond with the script agreed with HR, saying nothing about the investigation', 5, 'discreet')],
      notes: 'Release a few minutes after players cut access.',
    },
    {
      release: at(80),
      channel: 'email',
      from: 'Two key accounts',
      to: 'Sales director',
      title: 'A competitor knows our renewal dates',
      content: 'Fenwick Fuels and Selby Tyres were called by Corvid Logistics this morning, quoting their renewal dates and current rates.',
      actions: [act('Record the reports as evidence and pass them to legal', 5, 'evidence')],
      notes: 'Shows the data is being used; strengthens the legal case.',
    },
    {
      release: at(95),
      channel: 'verbal',
      from: 'Chief executive',
      to: 'Incident manager',
      title: 'Do we call the police?',
      content: 'The chief executive asks whether this is a police matter or a civil one, and wants a recommendation.',
      actions: [act('Take the decision with legal and record the options and rationale', 5, 'duties')],
      notes: 'End the exercise after this discussion.',
    },
  ],
});

const supplierBreach = starter(6, {
  title: 'Payroll supplier breach',
  audience: 'Security operations, procurement, HR and payroll, the data protection officer and internal communications',
  difficulty: 'intermediate',
  durationMinutes: 110,
  narrative: md(
    'PayFlow Ltd runs payroll for Aldermoor\'s 1,200 staff. It connects to Aldermoor over a site-to-site VPN and uses three service accounts to sync HR data nightly.',
    'The contract requires PayFlow to report security incidents within 24 hours with details.',
  ),
  objectives: [
    { id: 'assess', text: 'Establish what data and access the supplier holds and what was exposed' },
    { id: 'contain', text: "Cut the supplier's access to our network within 30 minutes" },
    { id: 'notify', text: 'Meet data-protection duties and warn staff about follow-on fraud' },
    { id: 'continuity', text: 'Keep payroll running and hold the supplier to the contract' },
  ],
  playbooks: [lineage.personalDataBreach, lineage.accountCompromise],
  injects: [
    {
      release: at(0),
      channel: 'email',
      from: 'PayFlow security team',
      to: 'Security mailbox',
      title: 'A supplier reports unauthorised access',
      content: 'We have identified unauthorised access to part of our environment. Customer data may be affected. We will share more within 48 hours.',
      actions: [
        act('Open an exercise incident with category Data breach', 5, 'assess', created('data_breach', 15)),
        act('Record the moment of awareness in the incident', 5, 'notify'),
      ],
      notes: 'Vague supplier notices are normal. Players should not wait 48 hours to act.',
    },
    {
      release: at(10),
      channel: 'phone_call',
      from: 'Ellie Shaw, procurement',
      to: 'Incident manager',
      title: 'The contract says 24 hours with details',
      content: 'Clause 14.3 requires details of the data and systems affected within 24 hours. Their notice has none. Do you want me to invoke it?',
      actions: [act('Ask PayFlow in writing for specific details under the contract', 5, 'continuity')],
      notes: 'A named contact at the supplier and a written request are the expected outcome.',
    },
    {
      release: at(15),
      channel: 'document',
      from: 'IT operations',
      to: 'Security operations',
      title: 'What access PayFlow has',
      content: 'PayFlow has a site-to-site VPN into the HR network and three service accounts (`payflow-sync`, `payflow-rpt`, `payflow-adm`). `payflow-adm` can read the whole HR database.',
      actions: [
        act('Suspend the supplier VPN and service accounts and record containment within 30 minutes', 15, 'contain', contained(30)),
        act('Apply the Account compromise playbook to the service accounts', 5, 'contain', applied(lineage.accountCompromise, 30)),
      ],
      notes: 'Payroll sync stops when the accounts are disabled. That trade-off comes back in inject 9.',
    },
    {
      release: at(30),
      channel: 'siem_alert',
      from: 'SIEM',
      to: 'Security operations',
      title: 'Odd activity by the supplier account',
      content: '`payflow-adm` signed in to HR-DB01 at 03:12 last night over the supplier VPN and ran 214 queries; it normally runs 6.',
      actions: [act("Review everything the supplier's accounts did in the last 30 days", 10, 'assess')],
      notes: 'The supplier breach may have become our breach: the attacker used their access into our network.',
    },
    {
      release: at(45),
      channel: 'email',
      from: 'PayFlow security team',
      to: 'Data protection officer',
      title: 'Payroll files were taken',
      content: 'We confirm the attacker exported payroll files for 14 clients, including Aldermoor: names, National Insurance numbers, bank details and salaries for 2,150 current and former staff.',
      actions: [act('Apply the Personal-data breach playbook', 10, 'notify', applied(lineage.personalDataBreach, 20))],
      notes: 'Bank details and National Insurance numbers make a high risk to staff likely.',
    },
    {
      release: after(5, 15),
      channel: 'chat',
      from: 'Imran Shah, data protection officer',
      to: 'Incident manager',
      title: 'We are the controller',
      content: 'We are the controller of our staff data, so reporting to the supervisory authority is our duty, not PayFlow\'s. The clock runs from our awareness this morning.',
      actions: [act('Decide on notifying the supervisory authority and the staff affected, and record why', 10, 'notify')],
      notes: 'Look for the 72-hour deadline written into the incident.',
    },
    {
      release: at(60),
      channel: 'news',
      from: 'Technology press',
      to: 'Communications lead',
      title: 'Payroll breach hits hundreds of firms',
      content: '"PayFlow breach exposes payroll data of hundreds of UK employers." Staff are sharing the article on the company chat.',
      actions: [act('Send staff a clear internal message before rumours spread', 10, 'notify', entry('communication', null, 20))],
      notes: 'Staff hearing it from the press first damages trust; speed matters more than completeness.',
    },
    {
      release: manual,
      channel: 'phone_call',
      from: 'Warehouse team member',
      to: 'Service desk',
      title: 'A text asking to confirm bank details',
      content: 'I got a text saying my salary payment failed and I need to confirm my bank details on a link. Is that you?',
      actions: [act('Warn all staff about follow-on phishing and tell them how to report it', 5, 'notify')],
      notes: 'Release at about +01:10, or as soon as players draft the staff message.',
    },
    {
      release: at(80),
      channel: 'email',
      from: 'Payroll manager',
      to: 'Incident manager',
      title: 'Payroll runs in three days',
      content: 'The monthly payroll is due on Friday. With the PayFlow accounts disabled the HR data cannot sync. Can we still use PayFlow?',
      actions: [act('Decide on a fallback for this payroll run and record the decision', 10, 'continuity')],
      notes: 'Options: a manual file over a verified channel, repeating last month\'s run, or an emergency provider.',
    },
    {
      release: at(95),
      channel: 'document',
      from: 'Procurement',
      to: 'Incident team',
      title: 'Supplier assurance review',
      content: 'Procurement asks what to change in supplier contracts and onboarding so this is caught sooner.',
      actions: [act('Agree corrective actions on supplier access and assurance with owners', 5, 'continuity')],
      notes: 'Close the exercise and move to the hot wash.',
    },
  ],
});

/** The starter scenarios, in the order they appear in the library. */
export const starterScenarios: readonly Scenario[] = [ransomwareFileServer, businessEmailCompromise, cloudCredentialLeak, ddosCustomerPortal, insiderExfiltration, supplierBreach];

export function findStarterScenario(id: string): Scenario | undefined {
  return starterScenarios.find((scenario) => scenario.id === id);
}

/** The starters this device should add: those whose lineage it has never seen (like the playbooks). */
export function missingStarterScenarios(existing: readonly Pick<Scenario, 'lineageId'>[]): Scenario[] {
  const known = new Set(existing.map((scenario) => scenario.lineageId));
  return starterScenarios.filter((scenario) => !known.has(scenario.lineageId));
}
