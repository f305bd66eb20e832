import { databaseFaultOf, describeDatabaseError, isDatabaseUnavailable } from './database-faults';

/** An error as node-postgres raises it for a server's ErrorResponse. */
const pgError = (code: string, message = 'server said no') => Object.assign(new Error(message), { code });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('databaseFaultOf', () => {
  it.each([
    ['08006 connection failure', pgError('08006')],
    ['57P01 admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash shutdown', pgError('57P02')],
    ['57P03 cannot connect now', pgError('57P03', 'the database system is starting up')],
    ['53300 too many connections', pgError('53300')],
    ['40001 serialization failure', pgError('40001')],
    ['40P01 deadlock', pgError('40P01')],
    ['55000 database closed to connections', pgError('55000', 'database "x" is not currently accepting connections')],
    ['58030 I/O error', pgError('58030')],
    ['XX001 data corrupted', pgError('XX001')],
    ['28P01 password authentication failed', pgError('28P01')],
    ['3D000 no such database', pgError('3D000')],
    ['ECONNREFUSED', socketError('ECONNREFUSED')],
    ['ECONNRESET', socketError('ECONNRESET')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a client after its connection failed', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a cause that is one of them', new Error('append failed', { cause: pgError('57P01') })],
  ])('calls %s transient', (_name, error) => {
    expect(databaseFaultOf(error)).toBe('transient');
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['22003 numeric value out of range', pgError('22003', 'value "3000000000" is out of range for type integer')],
    ['22008 datetime field overflow', pgError('22008', 'date/time field value out of range: "0000-01-01T00:00:00Z"')],
    ['23505 unique violation', pgError('23505')],
    ['42P01 undefined table', pgError('42P01')],
    ['55000 for another reason', pgError('55000', 'lock is not available')],
  ])('calls %s permanent', (_name, error) => {
    expect(databaseFaultOf(error)).toBe('permanent');
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('has nothing to say about errors that are not the database’s', () => {
    expect(databaseFaultOf(new TypeError('x is undefined'))).toBeNull();
    expect(databaseFaultOf(Object.assign(new Error('not found'), { code: 'NOT_FOUND' }))).toBeNull();
    expect(databaseFaultOf('a string')).toBeNull();
  });

  it('describes an error with its SQLSTATE', () => {
    expect(describeDatabaseError(pgError('22003', 'value out of range'))).toBe('22003 value out of range');
    expect(describeDatabaseError(new Error('plain'))).toBe('plain');
  });
});
