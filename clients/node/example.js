'use strict';
// The README's Node.js example: create a lead, page through leads, read the queue, watch it,
// decode an error's details. Run: node example.js PROTO_DIR HOST:PORT (token in HEARTH_TOKEN).

const { connect, call, errorDetails } = require('./hearth');

async function main(protoDir, address, token, log = console.log) {
  const hearth = connect(protoDir, address, { token });
  try {
    // create a lead; request_id makes a retry return the same lead instead of a second one
    const lead = await call(hearth.leads, 'CreateLead', {
      lead: {
        given_name: 'Ada',
        family_name: 'Lovelace',
        company: 'Analytical Engines',
        email: `ada.${Date.now()}@example.com`,
        source: 'LEAD_SOURCE_WEB_FORM',
        owner: 'node',
      },
      request_id: `node-example-${Date.now()}`,
    });
    log(`created ${lead.name} (${lead.display_name})`);

    // page through the leads: page_size and page_token until next_page_token is empty
    const names = [];
    let page_token = '';
    do {
      const page = await call(hearth.leads, 'ListLeads', { filter: 'owner = "node"', page_size: 2, page_token });
      names.push(...page.leads.map((l) => l.name));
      page_token = page.next_page_token;
    } while (page_token);
    log(`${names.length} leads owned by node`);

    // the work queue: who to contact next, how and why
    const queue = await call(hearth.queue, 'ListQueue', { owner: 'node', page_size: 10 });
    for (const item of queue.items) {
      log(`next: ${item.display_name} ${item.action} by ${item.channel}: ${item.reasons.join('; ')}`);
    }

    // watch the queue: a snapshot now, and again whenever its head changes
    const first = await new Promise((resolve, reject) => {
      const stream = hearth.queue.WatchQueue({ owner: 'node', size: 5 });
      stream.once('data', (snapshot) => {
        stream.cancel();
        resolve(snapshot);
      });
      stream.on('error', (error) => (error.code === 1 /* CANCELLED */ ? undefined : reject(error)));
    });
    log(`watching: ${first.items.length} items at the head of the queue`);

    // an error's details: the reason, and the offending field
    try {
      await call(hearth.leads, 'CreateLead', { lead: { given_name: 'Bo', email: 'not-an-email' } });
    } catch (error) {
      const details = errorDetails(hearth.details, error);
      log(`refused: ${details.code} ${details.reason}: ${details.fieldViolations.map((v) => `${v.field}: ${v.description}`).join(', ')}`);
    }
    return { lead, names, queue, first };
  } finally {
    hearth.close();
  }
}

module.exports = { main };

if (require.main === module) {
  const [protoDir, address] = process.argv.slice(2);
  main(protoDir, address || 'localhost:50051', process.env.HEARTH_TOKEN).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
