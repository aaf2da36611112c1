"""Sets up a Tryton 6.0 database for billrun's Tryton adapter (run by scripts/tryton-setup).

Works on the database directly through proteus (no trytond server needed) and is idempotent: every
record is looked up before it is created, so a second run changes nothing and prints the same ids.

Creates, for one legal entity of the firm's master data (entities.csv):
  - the company (party with address and VAT id, currency), tax rounding per line or document as the
    entity's tax rules say;
  - the countries the entity and the firm's clients are in (clients.csv), so parties get an address
    country without Tryton's country import (which needs pycountry and takes minutes);
  - Tryton's minimal chart of accounts (receivable, payable, revenue, expense, tax, cash);
  - the fiscal year of --year with monthly periods, a move sequence and a strict invoice sequence;
  - one customer tax per tax rule of the entity in force during that year (tax_rules.csv), named by
    the rule id, rate as a fraction, the rule's exemption note as the legal notice;
  - one payment term per payment_terms_days value in clients.csv ("Net 30 days"; 0 is "Due on receipt");
  - the currencies the entity's contracts bill in (contracts.csv) with their rates (fx_rates.csv).

Writes what a client needs (ids by name) as JSON to --out.
"""
import argparse
import csv
import datetime
import json
import os
import sys
import warnings
from decimal import Decimal

# passlib (under trytond) imports crypt, which warns of its removal in Python 3.13; trytond resets the
# warning filters while it loads, so the module is imported here first, under a filter of our own
with warnings.catch_warnings():
    warnings.simplefilter('ignore', DeprecationWarning)
    import passlib.utils  # noqa: F401

from proteus import Model, Wizard, config as proteus_config
from stdnum.eu import vat as stdnum_eu_vat

CHART_TEMPLATE = 'account_template_root_en'
TAX_ACCOUNT_TEMPLATE = 'account_template_tax_en'
EU_COUNTRIES = {
    'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT',
    'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'}
CURRENCY_NAMES = {'EUR': ('Euro', '€'), 'GBP': ('Pound Sterling', '£'), 'USD': ('US Dollar', '$'),
                  'CHF': ('Swiss Franc', 'CHF')}


def read_csv(path):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def fail(message):
    print('tryton-setup: ' + message, file=sys.stderr)
    sys.exit(2)


def split_address(text):
    """'Friedrichstr. 1, 10117 Berlin, Germany' -> street, postal code, city, country name.

    The master data holds one address line; the last part is the country, the one before it the
    postal code and city (postal code first, as in the German and French addresses of the sample)."""
    parts = [p.strip() for p in text.split(',')]
    if len(parts) < 3:
        return {'street': text, 'postal_code': None, 'city': None, 'country_name': None}
    postal_city = parts[-2].split(' ', 1)
    postal_code, city = (postal_city + [None])[:2] if postal_city[0][:1].isdigit() else (None, parts[-2])
    return {'street': '\n'.join(parts[:-2]), 'postal_code': postal_code, 'city': city,
            'country_name': parts[-1]}


def find_one(model, domain):
    found = model.find(domain, limit=2)
    if len(found) > 1:
        fail('more than one %s matches %s; fix the database by hand' % (model.__name__, domain))
    return found[0] if found else None


def ensure_currency(code):
    Currency = Model.get('currency.currency')
    currency = find_one(Currency, [('code', '=', code)])
    if currency is None:
        name, symbol = CURRENCY_NAMES.get(code, (code, code))
        currency = Currency(name=name, symbol=symbol, code=code, rounding=Decimal('0.01'), digits=2)
        currency.save()
    return currency


def ensure_rates(company_currency, contract_currencies, fx_rows):
    """Tryton converts between currencies through their rates against one base: the company's currency
    at 1, every other currency at its units per company unit on each date (fx_rates.csv from that
    currency). Returns the currency ids by code."""
    Rate = Model.get('currency.currency.rate')
    ids = {company_currency.code: company_currency.id}
    wanted = {company_currency.code: {datetime.date.min: Decimal(1)}}
    for code in sorted(contract_currencies - {company_currency.code}):
        wanted[code] = {datetime.date.fromisoformat(r['rate_date']): Decimal(r['rate']) for r in fx_rows
                        if r['from_currency'] == company_currency.code and r['to_currency'] == code}
        if not wanted[code]:
            fail('fx_rates.csv has no rate from %s to %s, which a contract of the entity bills in'
                 % (company_currency.code, code))
        ids[code] = ensure_currency(code).id
    for code, rates in wanted.items():
        have = {r.date for r in Rate.find([('currency', '=', ids[code])])}
        missing = [Rate(currency=ids[code], date=day, rate=rate) for day, rate in sorted(rates.items())
                   if day not in have]
        if missing:
            Rate.save(missing)
    return ids


def ensure_countries(rows):
    """rows: (code, address) pairs; the country's name is the address's last part."""
    Country = Model.get('country.country')
    ids = {}
    for code, address in rows:
        if code in ids:
            continue
        country = find_one(Country, [('code', '=', code)])
        if country is None:
            country = Country(code=code, name=split_address(address)['country_name'] or code)
            country.save()
        ids[code] = country.id
    return ids


def ensure_company(entity, countries):
    Company = Model.get('company.company')
    Party = Model.get('party.party')
    company = find_one(Company, [('party.name', '=', entity['name'])])
    if company is not None:
        return company
    party = find_one(Party, [('name', '=', entity['name'])]) or new_party(entity, countries)
    wizard = Wizard('company.company.config')
    wizard.execute('company')
    wizard.form.party = party
    wizard.form.currency = ensure_currency(entity['currency'])
    wizard.execute('add')
    return find_one(Company, [('party.name', '=', entity['name'])])


def new_party(entity, countries):
    party = Model.get('party.party')(name=entity['name'])
    address = party.addresses[0] if party.addresses else party.addresses.new()
    parts = split_address(entity['address'])
    address.street = parts['street']
    address.postal_code = parts['postal_code']
    address.city = parts['city']
    address.country = Model.get('country.country')(countries[entity['country']])
    identifier = party.identifiers.new()
    identifier.type = tax_identifier_type(entity)
    identifier.code = entity['vat_id']
    party.save()
    return party


def tax_identifier_type(entity):
    """Tryton refuses a typed identifier whose check digits are wrong; the sample firm's are made up."""
    if entity['country'] not in EU_COUNTRIES:
        return None
    if stdnum_eu_vat.is_valid(entity['vat_id']):
        return 'eu_vat'
    print('tryton-setup: %s is not a valid EU VAT number (check digits); stored without a type, so '
          'Tryton does not treat it as the tax identifier' % entity['vat_id'], file=sys.stderr)
    return None


def use_company_context(company):
    """Later records belong to the company: the user's preferences carry it in the context."""
    User = Model.get('res.user')
    user = User(proteus_config.get_config().user)
    if company not in user.companies:
        user.companies.append(company)
    user.company = company
    user.save()
    proteus_config.get_config()._context = User.get_preferences(True, {})


def ensure_tax_rounding(rules):
    roundings = {r['rounding'] for r in rules}
    if len(roundings) != 1 or not roundings <= {'line', 'document'}:
        fail('the tax rules of the entity mix rounding levels %s; Tryton has one per company'
             % sorted(roundings))
    wanted = roundings.pop()
    configuration = Model.get('account.configuration')(1)
    if configuration.tax_rounding != wanted:
        configuration.tax_rounding = wanted
        configuration.save()
    return wanted


def ensure_chart(company):
    Account = Model.get('account.account')
    ModelData = Model.get('ir.model.data')
    if not Account.find([('company', '=', company.id), ('type.receivable', '=', True)], limit=1):
        template_data, = ModelData.find([('module', '=', 'account'), ('fs_id', '=', CHART_TEMPLATE)])
        wizard = Wizard('account.create_chart')
        wizard.execute('account')
        wizard.form.account_template = Model.get('account.account.template')(template_data.db_id)
        wizard.form.company = company
        wizard.execute('create_account')
        wizard.form.account_receivable = account_of_kind(company, 'receivable')
        wizard.form.account_payable = account_of_kind(company, 'payable')
        wizard.execute('create_properties')
    tax_data, = ModelData.find([('module', '=', 'account'), ('fs_id', '=', TAX_ACCOUNT_TEMPLATE)])
    tax_account, = Account.find([('company', '=', company.id), ('template', '=', tax_data.db_id)])
    return {'receivable': account_of_kind(company, 'receivable').id,
            'payable': account_of_kind(company, 'payable').id,
            'revenue': account_of_kind(company, 'revenue').id,
            'expense': account_of_kind(company, 'expense').id,
            'tax': tax_account.id}


def account_of_kind(company, kind):
    Account = Model.get('account.account')
    account, = Account.find([('company', '=', company.id), ('type.%s' % kind, '=', True)], limit=1)
    return account


def ensure_fiscal_year(company, year):
    FiscalYear = Model.get('account.fiscalyear')
    Sequence = Model.get('ir.sequence')
    SequenceStrict = Model.get('ir.sequence.strict')
    SequenceType = Model.get('ir.sequence.type')
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    fiscal_year = find_one(FiscalYear, [('company', '=', company.id), ('start_date', '=', start)])
    if fiscal_year is None:
        move_type, = SequenceType.find([('name', '=', 'Account Move')], limit=1)
        move_sequence = Sequence(name='Moves %d' % year, sequence_type=move_type, company=company)
        move_sequence.save()
        invoice_type, = SequenceType.find([('name', '=', 'Invoice')], limit=1)
        invoice_sequence = SequenceStrict(name='Invoices %d' % year, sequence_type=invoice_type,
                                          company=company, prefix='%d/' % year, padding=5)
        invoice_sequence.save()
        fiscal_year = FiscalYear(name=str(year), start_date=start, end_date=end, company=company,
                                 post_move_sequence=move_sequence)
        sequences, = fiscal_year.invoice_sequences
        sequences.out_invoice_sequence = invoice_sequence
        sequences.out_credit_note_sequence = invoice_sequence
        sequences.in_invoice_sequence = invoice_sequence
        sequences.in_credit_note_sequence = invoice_sequence
        fiscal_year.save()
    if not fiscal_year.periods:
        fiscal_year.click('create_period')
        fiscal_year.reload()
    return fiscal_year


def rules_in_force(rules, country, year):
    start, end = '%d-01-01' % year, '%d-12-31' % year
    return [r for r in rules
            if r['seller_country'] == country
            and r['valid_from'] <= end and (not r['valid_to'] or r['valid_to'] >= start)]


def ensure_taxes(company, rules, tax_account_id):
    Tax = Model.get('account.tax')
    Account = Model.get('account.account')
    taxes = {}
    for rule in rules:
        tax = find_one(Tax, [('company', '=', company.id), ('name', '=', rule['tax_rule_id'])])
        if tax is None:
            tax = Tax(name=rule['tax_rule_id'], company=company, type='percentage',
                      rate=Decimal(rule['rate_pct']) / 100,
                      description='%s %s%% (%s)' % (rule['category'], rule['rate_pct'],
                                                    rule['tax_rule_id']),
                      invoice_account=Account(tax_account_id),
                      credit_note_account=Account(tax_account_id),
                      legal_notice=rule['exemption_note'] or None,
                      start_date=datetime.date.fromisoformat(rule['valid_from']),
                      end_date=(datetime.date.fromisoformat(rule['valid_to'])
                                if rule['valid_to'] else None))
            tax.save()
        taxes[rule['tax_rule_id']] = {'id': tax.id, 'category': rule['category'],
                                      'rate_pct': rule['rate_pct']}
    return taxes


def ensure_payment_terms(days_values):
    PaymentTerm = Model.get('account.invoice.payment_term')
    terms = {}
    for days in sorted(days_values):
        name = 'Due on receipt' if days == 0 else 'Net %d days' % days
        term = find_one(PaymentTerm, [('name', '=', name)])
        if term is None:
            term = PaymentTerm(name=name)
            line = term.lines.new(type='remainder')
            if days:
                line.relativedeltas.new(days=days)
            term.save()
        terms[str(days)] = term.id
    return terms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--config', required=True)
    parser.add_argument('--database', required=True)
    parser.add_argument('--url', required=True)
    parser.add_argument('--password-file', required=True)
    parser.add_argument('--sample-data', required=True)
    parser.add_argument('--entity', required=True)
    parser.add_argument('--year', type=int, required=True)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()

    for name in ('entities.csv', 'tax_rules.csv', 'clients.csv', 'contracts.csv', 'fx_rates.csv'):
        if not os.path.isfile(os.path.join(args.sample_data, name)):
            fail('%s is missing from %s' % (name, args.sample_data))
    entities = {e['entity_id']: e for e in read_csv(os.path.join(args.sample_data, 'entities.csv'))}
    if args.entity not in entities:
        fail('entity %s is not in %s/entities.csv (there: %s)'
             % (args.entity, args.sample_data, ', '.join(sorted(entities))))
    entity = entities[args.entity]
    rules = rules_in_force(read_csv(os.path.join(args.sample_data, 'tax_rules.csv')),
                           entity['country'], args.year)
    if not rules:
        fail('no tax rule of %s/tax_rules.csv is in force for seller country %s in %d'
             % (args.sample_data, entity['country'], args.year))
    clients = read_csv(os.path.join(args.sample_data, 'clients.csv'))
    contract_currencies = {c['currency'] for c in read_csv(os.path.join(args.sample_data, 'contracts.csv'))
                           if c['entity_id'] == args.entity}
    fx_rows = read_csv(os.path.join(args.sample_data, 'fx_rates.csv'))

    proteus_config.set_trytond(database=args.database, config_file=args.config)
    countries = ensure_countries([(entity['country'], entity['address'])]
                                 + [(c['country'], c['bill_to_address']) for c in clients])
    company = ensure_company(entity, countries)
    use_company_context(company)
    accounts = ensure_chart(company)
    tax_rounding = ensure_tax_rounding(rules)
    fiscal_year = ensure_fiscal_year(company, args.year)
    journal, = Model.get('account.journal').find([('code', '=', 'REV'), ('type', '=', 'revenue')])
    result = {
        'url': args.url,
        'database': args.database,
        'login': 'admin',
        'password_file': os.path.abspath(args.password_file),
        'entity': args.entity,
        'company': company.id,
        'currency': {'code': company.currency.code, 'id': company.currency.id},
        'currencies': ensure_rates(company.currency, contract_currencies, fx_rows),
        'tax_rounding': tax_rounding,
        'fiscal_year': {'name': fiscal_year.name, 'id': fiscal_year.id},
        'accounts': accounts,
        'journals': {'revenue': journal.id},
        'taxes': ensure_taxes(company, rules, accounts['tax']),
        'payment_terms': ensure_payment_terms({int(c['payment_terms_days']) for c in clients}),
        'countries': countries,
    }
    with open(args.out + '.tmp', 'w', encoding='utf-8') as f:
        json.dump(result, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write('\n')
    os.replace(args.out + '.tmp', args.out)


if __name__ == '__main__':
    main()
